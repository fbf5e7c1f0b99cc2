"""One short passage per way newsrooms quote, through the real pipeline.

Each case gives the passage, then every quote expected from it, in order, as
``(quote text, speaker mention, resolved speaker, kind)``; nothing else may be
found.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from quotes.extract import extract_article
from quotes.extract.noun_phrases import names_a_source
from quotes.model import Article

CASES = {
    "said after the quote": (
        '"We are not looking for a war with Iran," John Kirby said on Tuesday.',
        [("We are not looking for a war with Iran,", "John Kirby", "John Kirby", "full")],
    ),
    "split quote": (
        'John Kirby spoke to reporters on Tuesday.\n\n'
        '"We will respond," Kirby said, "and we will do it in a way of our own choosing."',
        [
            ("We will respond,", "Kirby", "John Kirby", "full"),
            ("and we will do it in a way of our own choosing.", "Kirby", "John Kirby", "partial"),
        ],
    ),
    "pronoun": (
        "Renad Mansour is a senior research fellow at Chatham House.\n\n"
        '"These groups are worried that escalation could hurt them," he said.',
        [("These groups are worried that escalation could hurt them,", "he", "Renad Mansour", "full")],
    ),
    "said before the speaker": (
        '"There are too many chains of command," said Renad Mansour, a research fellow.',
        [("There are too many chains of command,", "Renad Mansour", "Renad Mansour", "full")],
    ),
    "partial quote woven in": (
        'Kirby said the plan has "a lot of moving pieces" and would take time.',
        [("a lot of moving pieces", "Kirby", "Kirby", "partial")],
    ),
    "according to": (
        'The strikes were "only the first step," according to Sabrina Singh, a Pentagon spokeswoman.',
        [("only the first step,", "Sabrina Singh", "Sabrina Singh", "partial")],
    ),
    "colon cue paragraph": (
        "Maria Lopez, the mayor of the city, told reporters:\n\n"
        '"We have done everything we could to keep people safe."',
        [("We have done everything we could to keep people safe.", "Maria Lopez", "Maria Lopez", "full")],
    ),
    "passive": (
        'Senator Jane Smith was quoted as saying the bill was "dead on arrival."',
        [("dead on arrival.", "Jane Smith", "Jane Smith", "partial")],
    ),
    "interview transcript": (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Will she be at the debate tomorrow night?\n\n'
        '"PENCE: She will not be attending the debate."',
        [
            ("WALLACE: Will she be at the debate tomorrow night?", "WALLACE", "WALLACE", "full"),
            ("PENCE: She will not be attending the debate.", "PENCE", "PENCE", "full"),
        ],
    ),
    "continuation in the paragraph": (
        '"We believe the attack was planned by the group," John Kirby said. '
        '"We certainly read it but we are not going to comment."',
        [
            ("We believe the attack was planned by the group,", "John Kirby", "John Kirby", "full"),
            ("We certainly read it but we are not going to comment.", "John Kirby", "John Kirby", "full"),
        ],
    ),
    "multi-paragraph quote": (
        '"We will respond in our own time," said Pat Ryder, a Pentagon spokesman. "It will be tiered.\n\n'
        '"There will be many steps, and not all of them will be seen."',
        [
            ("We will respond in our own time,", "Pat Ryder", "Pat Ryder", "full"),
            ("It will be tiered.", "Pat Ryder", "Pat Ryder", "full"),
            ("There will be many steps, and not all of them will be seen.", "Pat Ryder", "Pat Ryder", "full"),
        ],
    ),
    "nested single quote": (
        "\u201cThey told us \u2018no deal\u2019 and walked out,\u201d said Tom Baker, a union leader.",
        [("They told us \u2018no deal\u2019 and walked out,", "Tom Baker", "Tom Baker", "full")],
    ),
    "apostrophes are no marks": (
        "\"Trump's plan for '16 is pure rock 'n' roll,\" said Ann Lee, a strategist.",
        [("Trump's plan for '16 is pure rock 'n' roll,", "Ann Lee", "Ann Lee", "full")],
    ),
    "stray mark stays in its paragraph": (
        'The senator\'s "plan was announced in March.\n\n'
        '"We are done," Jane Smith said.',
        [("We are done,", "Jane Smith", "Jane Smith", "full")],
    ),
    "headline with single marks": (
        "Bernie Sanders: Clinton needs to \u2018get away from personality stuff\u2019\n\n"
        "Sanders offered advice to Hillary Clinton on Friday.",
        [("get away from personality stuff", "Bernie Sanders", "Bernie Sanders", "partial")],
    ),
    "dash signature": (
        "\u201cHe does not answer to anyone.\u201d \u2015 Carla Sanchez\n",
        [("He does not answer to anyone.", "Carla Sanchez", "Carla Sanchez", "full")],
    ),
    "quote in the next paragraph continues the speaker": (
        '"We will win," Jane Smith said on Monday.\n\n"Nobody can stop us now."\n\nThe crowd cheered.',
        [
            ("We will win,", "Jane Smith", "Jane Smith", "full"),
            ("Nobody can stop us now.", "Jane Smith", "Jane Smith", "full"),
        ],
    ),
    "cue in the previous sentence": (
        'Dianne Bystrom, a professor at Iowa State University, agreed. "Mainstream Republicans are running out of time."',
        [("Mainstream Republicans are running out of time.", "Dianne Bystrom", "Dianne Bystrom", "full")],
    ),
    "nested report goes to the outer speaker": (
        'Michael Flynn said Trump told him that "the generals have been reduced to rubble."',
        [("the generals have been reduced to rubble.", "Michael Flynn", "Michael Flynn", "partial")],
    ),
    "reported through a source": (
        '"I ask you not to engage in any kind of protest," Sanders said, according to CNN.',
        [("I ask you not to engage in any kind of protest,", "CNN", "CNN", "full")],
    ),
    "what he called": (
        'Secretary General Ban Ki-moon condemned what he called a "brazen breach" of the resolutions.',
        [("brazen breach", "Ban Ki-moon", "Ban Ki-moon", "term")],
    ),
    "statement saying": (
        'Paul Ryan issued a statement describing the meeting as a "very positive step toward unification."',
        [("very positive step toward unification.", "Paul Ryan", "Paul Ryan", "partial")],
    ),
    "british single marks over paragraphs": (
        "Jane Smith, the health secretary, defended the plan on Monday.\n\n"
        "\u2018We have looked at every option and this is the one that protects patients first. Nobody wanted "
        "to make these cuts, but the money simply is not there, and we were not going to pretend otherwise to "
        "anyone, least of all to the nurses who have carried this service through the worst winter any of us "
        "can remember,\u2019 she told the BBC.\n\n"
        "\u2018It is not a decision we took lightly.\n\n"
        "\u2018We will review it next year.\u2019",
        [
            (
                "We have looked at every option and this is the one that protects patients first. Nobody wanted "
                "to make these cuts, but the money simply is not there, and we were not going to pretend otherwise "
                "to anyone, least of all to the nurses who have carried this service through the worst winter any "
                "of us can remember,",
                "she", "Jane Smith", "full",
            ),
            ("It is not a decision we took lightly.", "she", "Jane Smith", "full"),
            ("We will review it next year.", "she", "Jane Smith", "full"),
        ],
    ),
    "hard-wrapped wire copy": (
        "WASHINGTON (AP) -- The White House said on Tuesday that it would respond\n"
        "to the attack on US troops in Jordan at a time of its own choosing, and\n"
        "officials would not give any details of the options on the table.\n\n"
        "\"We are not looking for a war with Iran, but we will respond to this\n"
        "attack,\" John Kirby, a spokesman for the National Security Council,\n"
        "told reporters at the White House on Tuesday afternoon in Washington.\n\n"
        "The Pentagon declined to comment on the timing of any strikes in Iraq\n"
        "or in Syria, and said only that the options were being reviewed now.\n",
        [
            (
                "We are not looking for a war with Iran, but we will respond to this\nattack,",
                "John Kirby", "John Kirby", "full",
            ),
        ],
    ),
    "scare quote left out": (
        'The so-called "peace plan" collapsed on Tuesday after two weeks of talks.',
        [],
    ),
    "title of a work left out": (
        'She appeared on "Meet the Press" on Sunday morning to talk about taxes.',
        [],
    ),
    "attributed term kept as term": (
        'This armed group often uses the phrase "occupying force" to refer to US troops.',
        [("occupying force", "This armed group", "armed group", "term")],
    ),
    # ---- who: the full name of whoever the mention stands for
    "pronoun goes to the person the paragraph is about, not the best-known name": (
        "President Maria Lopez opened the summit on Monday. Lopez said the talks would be hard. "
        "Lopez later met donors at the hotel.\n\n"
        "The union's negotiator, Robin Okafor, walked out of the talks after an hour.\n\n"
        '"We were not taken seriously," she said.',
        [("We were not taken seriously,", "she", "Robin Okafor", "full")],
    ),
    "pronoun agrees in gender": (
        "Tomas Berg chairs the board of the port authority. Last week the board hired Anna Holm "
        "as its chief executive.\n\n"
        '"We needed someone from outside," he said.',
        [("We needed someone from outside,", "he", "Tomas Berg", "full")],
    ),
    "pronoun for no one named has no name": (
        '"I am tired of waiting," she said.',
        [("I am tired of waiting,", "she", None, "full")],
    ),
    "surname to the full name the article gave earlier": (
        "Alexei Malashenko, an analyst at the Carnegie Center, has studied the region for decades.\n\n"
        '"The Kremlin will not back down," Malashenko said.',
        [("The Kremlin will not back down,", "Malashenko", "Alexei Malashenko", "full")],
    ),
    "surname written first": (
        "Chinese Foreign Ministry spokeswoman Hua Chunying spoke in Beijing on Monday.\n\n"
        '"We urge the United States to stop," Hua said.',
        [("We urge the United States to stop,", "Hua", "Hua Chunying", "full")],
    ),
    "the sayer, not the addressee, of X told Y": (
        "Demi Moore met her sister Tracy at the cafe on Sunday.\n\n"
        'Demi told Tracy she was "a complete disgrace to the family."',
        [("a complete disgrace to the family.", "Demi", "Demi Moore", "partial")],
    ),
    "description with a place and a party": (
        "Senate Majority Leader Mitch McConnell (R-Ky.) met President Joe Biden on Tuesday. "
        "Biden later spoke to reporters.\n\n"
        '"We will pass this bill before the recess," the Kentucky Republican said.',
        [("We will pass this bill before the recess,", "the Kentucky Republican", "Mitch McConnell", "full")],
    ),
    "description of the article's main figure": (
        "The team signed Marc Dupont last summer. Coach Ben Harris praised his speed.\n\n"
        "Dupont scored twice on Saturday.\n\n"
        '"I just try to play my game," the rookie defenceman said.',
        [("I just try to play my game,", "the rookie defenceman", "Marc Dupont", "full")],
    ),
    "her statement is the statement of the one she stands for": (
        "The foreign minister, Anna Berg, released a statement on Friday.\n\n"
        '"We will not be intimidated," her statement said.',
        [("We will not be intimidated,", "her statement", "Anna Berg", "full")],
    ),
    "the company": (
        "Northwind Shipping cut 400 jobs at its yard in Gdansk on Tuesday.\n\n"
        '"This was a painful decision," the company said in a statement.',
        [("This was a painful decision,", "the company", "Northwind Shipping", "full")],
    ),
    "the name in apposition, not the description": (
        "The festival drew thousands of visitors to the harbour.\n\n"
        '"It was the best weekend of my life," says Campbell\'s partner, Jason Louth.',
        [("It was the best weekend of my life,", "Jason Louth", "Jason Louth", "full")],
    ),
    "a surname misspelt is the full name it slips from": (
        "Voters at the rally included Tyresha McClenney, a nurse from Dayton.\n\n"
        "McLenney said the candidate rarely visits the city.\n\n"
        '"It only comes up when there is a camera around," she said.',
        [("It only comes up when there is a camera around,", "she", "Tyresha McClenney", "full")],
    ),
    "a misspelt surname before the verb": (
        "The clinic is run by Dr. Harold Weinstein, a surgeon.\n\n"
        '"We are short of beds," Weinsten said on Monday.',
        [("We are short of beds,", "Weinsten", "Harold Weinstein", "full")],
    ),
    "another surname one letter away is someone else": (
        "Bill Nelson spoke first on Monday.\n\n"
        '"We will see," Wilson said.',
        [("We will see,", "Wilson", "Wilson", "full")],
    ),
    "a nickname in marks is no part of the name": (
        '"We have waited long enough," the senator\'s aide, Robert "Bobby" Lane Jr., told reporters.',
        [("We have waited long enough,", 'Robert "Bobby" Lane Jr.', "Robert Lane Jr.", "full")],
    ),
    "the name after a description and a title, where the parse misses the apposition": (
        '"This is a big night for our future governor, Tom Ward!" Ward\'s cousin, state Del. '
        'Denise "Dee" Holloway (D-Newport News), shouted to the crowd.',
        [("This is a big night for our future governor, Tom Ward!", "Ward's cousin", "Denise Holloway", "full")],
    ),
    "the letter is whoever sent a letter": (
        "On Monday a coalition of nurses from three city hospitals sent a letter to the governor.\n\n"
        '"Our wards are full and our staff are exhausted," the letter reads.',
        [
            (
                "Our wards are full and our staff are exhausted,", "the letter",
                "coalition of nurses from three city hospitals", "full",
            )
        ],
    ),
    "a description by place is the article's main figure": (
        "Maria Lopez and Tom Reed met voters in Austin on Monday. Lopez spoke about water rights, "
        "and Lopez promised new wells.\n\n"
        '"We need water before we need roads," the Texas rancher said.',
        [("We need water before we need roads,", "the Texas rancher", "Maria Lopez", "full")],
    ),
    "a description by an institution names no one the article described so": (
        "Maria Lopez and Tom Reed met voters in Austin on Monday. Lopez spoke about water rights, "
        "and Lopez promised new wells.\n\n"
        '"Wells will not fix this," the Harvard economist said.',
        [("Wells will not fix this,", "the Harvard economist", "Harvard economist", "full")],
    ),
    "someone described by whom they worked for is the one the sentence before was about": (
        "Paul Grant on Friday urged the council to delay the vote.\n\n"
        '"This is a serious mistake," Harris\'s former campaign manager said in an interview.',
        [("This is a serious mistake,", "Harris's former campaign manager", "Paul Grant", "full")],
    ),
    "an unnamed aide of the one the sentence before was about stays unnamed": (
        "Kamala Harris spoke in Detroit on Friday.\n\n"
        '"We are not worried," Harris\'s campaign manager said.',
        [("We are not worried,", "Harris's campaign manager", "Harris's campaign manager", "full")],
    ),
    "a headline's title is the person the body writes with it": (
        "Retired Admiral Calls Budget Cuts 'Reckless'.\n\n"
        "Retired Navy Adm. Susan Clark is speaking out about the budget.\n\n"
        '"We cannot defend the coast with half a fleet," Clark said.',
        [
            ("Reckless", "Admiral", "Susan Clark", "term"),
            ("We cannot defend the coast with half a fleet,", "Clark", "Susan Clark", "full"),
        ],
    ),
    # ---- continuation: a paragraph that is all quote goes on with the thread
    "paragraph of quote after the paragraph that introduces its speaker": (
        "Maria Costa has run the bakery on Elm Street for twenty years.\n\n"
        '"We have never seen prices like this."',
        [("We have never seen prices like this.", "Maria Costa", "Maria Costa", "full")],
    ),
    "paragraph of quote after a paragraph ending with reported speech": (
        "Ana Ruiz, a nurse at the clinic, said the staff had not been paid since March.\n\n"
        '"We keep working because the patients need us."',
        [("We keep working because the patients need us.", "Ana Ruiz", "Ana Ruiz", "full")],
    ),
    "thread goes past a title": (
        '"We will win," Jane Smith told NBC\'s "Today" on Monday.\n\n'
        '"Nobody can stop us now."',
        [
            ("We will win,", "Jane Smith", "Jane Smith", "full"),
            ("Nobody can stop us now.", "Jane Smith", "Jane Smith", "full"),
        ],
    ),
    "thread goes to the person named in between": (
        '"The plan is sound," Jane Smith said.\n\n'
        "Tom Reed, a farmer from the valley, disagreed with her.\n\n"
        '"It will ruin us."',
        [
            ("The plan is sound,", "Jane Smith", "Jane Smith", "full"),
            ("It will ruin us.", "Tom Reed", "Tom Reed", "full"),
        ],
    ),
    "signature on the next line": (
        "Readers wrote in after the debate.\n\n"
        '"He never answered the question about jobs."\n\n'
        "- Carla Sanchez.",
        [("He never answered the question about jobs.", "Carla Sanchez", "Carla Sanchez", "full")],
    ),
    # ---- not speech: left out
    "signs and slogans": (
        'Hundreds of protesters gathered outside the building, holding signs reading "The UN is a scam" '
        'and "Go home."',
        [],
    ),
    "subhead between sections": (
        '"We will win," Jane Smith said.\n\n'
        "\u2018A Long Road Ahead\u2019\n\n"
        "The vote is next week.",
        [("We will win,", "Jane Smith", "Jane Smith", "full")],
    ),
    "pull quote": (
        "Jane Smith, the mayor, toured the flooded streets on Monday.\n\n"
        '"We will rebuild every home that was lost."\n\n'
        'The storm destroyed 40 houses. "We will rebuild every home that was lost," Smith told reporters.',
        [("We will rebuild every home that was lost,", "Smith", "Jane Smith", "full")],
    ),
    "link headline": (
        "The minister spoke to reporters on Monday.\n\n"
        'READ MORE: "Why the budget will hurt families"\n\n'
        '"We will not raise taxes," said Finance Minister Ravi Patel.',
        [("We will not raise taxes,", "Ravi Patel", "Ravi Patel", "full")],
    ),
    "a line asking readers to follow the writer": (
        '"We will not raise taxes," said Finance Minister Ravi Patel.\n\n"Follow Jane Doe on Twitter @janedoe."',
        [("We will not raise taxes,", "Ravi Patel", "Ravi Patel", "full")],
    ),
    "programme title is no quote": (
        'Senator Jane Smith told NBC\'s "Today" on Monday that the bill was "dead on arrival."',
        [("dead on arrival.", "Jane Smith", "Jane Smith", "partial")],
    ),
    "book title is no quote": (
        "In his 2002 book, \"Make Your Kid a Millionaire,\" Kevin McKinley suggested saving early.",
        [],
    ),
    "nickname is part of the name": (
        '"This is our year!" Scott\'s niece, state Del. Marcia "Cia" Price, shouted to the crowd.',
        [("This is our year!", "Scott's niece", "Marcia Price", "full")],
    ),
    "stage direction of a transcript": (
        "Partial transcript as follows:\n\n"
        '"PENCE: We will stand by our Constitution.\n\n'
        '"(CROSSTALK.)"',
        [("PENCE: We will stand by our Constitution.", "PENCE", "PENCE", "full")],
    ),
    # ---- a speaker is a source: a name, a pronoun for one, or a described source kept as written
    "a number is no speaker": (
        'In the poll, 63 percent said the deal was "a disaster."',
        [("a disaster.", None, None, "partial")],
    ),
    "a share of people is a described source": (
        'Asked about the deal, 63 percent of voters called it "a disaster."',
        [("a disaster.", "63 percent of voters", "63 percent of voters", "term")],
    ),
    "a thing is no speaker": (
        'The courier left a box labeled "fragile" at the door.',
        [("fragile", None, None, "term")],
    ),
    "described source kept as written": (
        '"The talks are over," a senior official said.',
        [("The talks are over,", "a senior official", "senior official", "full")],
    ),
    "dateline is no speaker": (
        "WASHINGTON -- President Jane Smith, opening the museum on Saturday, said it would tell "
        '"a story of hope."',
        [("a story of hope.", "Jane Smith", "Jane Smith", "partial")],
    ),
    "a second report with its own subject is not inside the first": (
        'Police Chief Dana Ruiz said the footage did not give "definitive visual evidence," '
        'but she said the other evidence "supports what we heard."',
        [
            ("definitive visual evidence,", "Dana Ruiz", "Dana Ruiz", "partial"),
            ("supports what we heard.", "she", "Dana Ruiz", "partial"),
        ],
    ),
    "a dash the parser takes for the subject": (
        "He paid no federal tax in the years his returns were made public "
        '\u2015 Johnson boasted, "That makes me smart."',
        [("That makes me smart.", "Johnson", "Johnson", "full")],
    ),
    "a name the parser hangs on the verb as a compound": (
        'The mayor has changed her tone. "Look at the statement she put out after the floods," Duarte notes.',
        [("Look at the statement she put out after the floods,", "Duarte", "Duarte", "full")],
    ),
    "a subordinate clause after the quote is read last": (
        'Footage shows Senator Tom Reed telling the crowd, "We will win," '
        "while Anna Bell shouted at him from the back.",
        [("We will win,", "Tom Reed", "Tom Reed", "full")],
    ),
    "an owner is not the speaker of a verb that does not govern the quote": (
        "Mr. Reed barely answered, treating Mrs. Bell's question as a joke -- ''I am a smart man'' -- "
        "and, when pressed after the hearing, walking away.",
        [("I am a smart man", "Mr. Reed", "Reed", "full")],
    ),
    "said and the name after words the parser took for a subject": (
        'The rejection of the treaty signals "the beginning of the end" for the union, '
        "said Ella Park, a professor of law.",
        [("the beginning of the end", "Ella Park", "Ella Park", "partial")],
    ),
    "a capitalized noun inside the sentence is a name the tagger missed": (
        'Asked who would win the race, D\u2019Souza replied, "I would bet on the governor."',
        [("I would bet on the governor.", "D\u2019Souza", "D\u2019Souza", "full")],
    ),
    "a title-case headline's reporting verb ends its speaker": (
        "Paul Lind Slams Budget As 'A Disgrace'\n\nMayor Paul Lind criticized the council on Monday.",
        [("A Disgrace", "Paul Lind", "Paul Lind", "partial")],
    ),
    "a dateline in title case is not the subject": (
        "Lima hits back.\n\nMexico City (AFP) \u2013 Foreign Minister Rosa Diaz on Monday criticized the plan, "
        'saying that "walls do not work."',
        [("walls do not work.", "Rosa Diaz", "Rosa Diaz", "partial")],
    ),
    "who after a list of names is the last one's": (
        "The crowd included singers like Ann Fox, Will Moss and Stevie Lane, who joked, "
        '"I have not seen it yet."',
        [("I have not seen it yet.", "who", "Stevie Lane", "full")],
    ),
    "a surname with the other apostrophe": (
        "The blast went off at 8:30 p.m., according to Police Commissioner Sean O\u2019Malley.\n\n"
        '"The cause has not been determined," said O\'Malley.',
        [("The cause has not been determined,", "O'Malley", "Sean O\u2019Malley", "full")],
    ),
    "a name the parser hung on a noun for a thing": (
        "With 50 days until the election, Minyon Moore, a senior adviser to the campaign, called the remarks "
        '"a true wake-up call" to supporters.',
        [("a true wake-up call", "Minyon Moore", "Minyon Moore", "partial")],
    ),
    "a participle shows whom it follows speaking": (
        "The ad uses footage of Hillary Clinton asking, \"Why aren't I 50 points ahead, you might ask?\"",
        [("Why aren't I 50 points ahead, you might ask?", "Hillary Clinton", "Hillary Clinton", "full")],
    ),
    "a participle after a relative clause is the main subject's": (
        "Trump was similarly defensive when forced to defend not paying an architect who said he was stiffed "
        'after he designed a clubhouse, saying, "Maybe he didn\'t do a good job."',
        [("Maybe he didn't do a good job.", "Trump", "Trump", "full")],
    ),
    "a participle after a clause set off by dashes is the main subject's": (
        "Small groups of protesters continued to march, looping the streets around the stadium - where the "
        'Panthers played the Vikings - while chanting, "Hands up, don\'t shoot."',
        [("Hands up, don't shoot.", "Small groups", "Small groups", "full")],
    ),
    "a negated verb introduces no one's words": (
        '"We have had problems with intrusions from Russia," Obama said after meeting Putin. He didn\'t suggest '
        'retaliation. "Our goal is to start instituting some norms."',
        [
            ("We have had problems with intrusions from Russia,", "Obama", "Obama", "full"),
            ("Our goal is to start instituting some norms.", "Obama", "Obama", "full"),
        ],
    ),
    "a cue without subject is the sentence subject's, not a possessor's": (
        "Mr. Trump hardly clarified the matter, treating Mrs. Clinton's remark first as a compliment, and, when "
        'questioned after the debate, asserting, "Of course, I pay federal taxes."',
        [("Of course, I pay federal taxes.", "Mr. Trump", "Trump", "full")],
    ),
    "what she calls is not a plural subject's": (
        'Hillary Clinton says Americans are right to be angry, but also hungry for what she calls "real solutions."',
        [("real solutions.", "Hillary Clinton", "Hillary Clinton", "term")],
    ),
    "what they call may be a group's named in the singular": (
        "The campaign is seeking to contrast her approach with what they call Donald Trump's "
        '"self-centered message."',
        [("self-centered message.", "The campaign", "campaign", "term")],
    ),
    "the name before the quote rather than a she said after it": (
        "Mehmet Oz testified on Tuesday.\n\nDemocratic Sen. Claire McCaskill scolded him: \"The scientific "
        'community is almost monolithic against you," she said. "When you call a product a miracle, it is not."',
        [
            ("The scientific community is almost monolithic against you,", "Claire McCaskill", "Claire McCaskill",
             "full"),
            ("When you call a product a miracle, it is not.", "she", "Claire McCaskill", "full"),
        ],
    ),
    "the name rather than the pronoun of what the named one reports": (
        "Hillary Clinton spoke after the debate.\n\nClinton told the debate audience that she believes we must "
        'push policies that help, saying that "race still determines too much" in America.',
        [("race still determines too much", "Clinton", "Hillary Clinton", "partial")],
    ),
    "a quote inside a transcript turn is the turn speaker's": (
        'Partial transcript as follows:\n\n"WALLACE: But, Governor Pence, as "The Wall Street Journal" wrote, '
        "it shows people are worried.",
        [
            ("WALLACE: But, Governor Pence, as", "WALLACE", "WALLACE", "full"),
            ("The Wall Street Journal", "WALLACE", "WALLACE", "partial"),
        ],
    ),
    "what a report found": (
        "A Government Accountability Office report released last year found that the money was not coming from "
        '"the drug trade, human trafficking or other criminal activities."',
        [
            ("the drug trade, human trafficking or other criminal activities.",
             "A Government Accountability Office report", "Government Accountability Office report", "partial"),
        ],
    ),
    "the reports a cue points to are its report": (
        "Hillary Clinton spoke in Ohio.\n\nThat is when she pointed to reports that Trump called the pageant "
        'winner "Miss Piggy" as an example of his disrespect for women.',
        [("Miss Piggy", "she", "Hillary Clinton", "term")],
    ),
    "a description speaks as the members it lists": (
        "The authors of the report, which include the U.S. PIRG Education Fund and Citizens for Tax Justice, "
        'combed through the filings and found that 73 percent "maintained subsidiaries in offshore tax havens."',
        [
            ("maintained subsidiaries in offshore tax havens.", "The authors",
             "U.S. PIRG Education Fund and Citizens for Tax Justice", "partial"),
        ],
    ),
    "what someone finds is no quote": ('Police found the car near a "secret" garage on Monday.', []),
    "a shared surname is the one the article makes its subject": (
        "Paul Lind Opens New Campaign Office\n\n"
        "Former Governor Paul Lind opened the office on Monday for his wife Maria Lind.\n\n"
        '"It does not make any sense," Lind said.',
        [("It does not make any sense,", "Lind", "Paul Lind", "full")],
    ),
    "the writer's I is whoever signs the letter": (
        "LETTERS.\n\nThe council has failed us again. When the mayor asked me about it, I said, "
        '"We deserve better roads."\n\nMichael Johnson.\n\n'
        'The bridge is a disgrace. I wrote to the council, "Fix it now."\n\nSarah Miller.',
        [
            ("We deserve better roads.", "I", "Michael Johnson", "full"),
            ("Fix it now.", "I", "Sarah Miller", "full"),
        ],
    ),
    "the writer's I is the one the closing line is about": (
        "My mother believed in the devil.\n\n"
        'Once, when she mentioned him while driving, I laughed and said, "I do not believe in the devil."\n\n'
        "Charlotte Brown is a playwright and a professor at Wheaton College.",
        [("I do not believe in the devil.", "I", "Charlotte Brown", "full")],
    ),
    # ---- cues
    "cue outside the usual verbs": (
        '"I quit," Jane Smith blurted out.',
        [("I quit,", "Jane Smith", "Jane Smith", "full")],
    ),
    "reporting verb the tagger takes for a name": (
        'Said Ryan Ellis: "Nobody here wants a new tax."',
        [("Nobody here wants a new tax.", "Ryan Ellis", "Ryan Ellis", "full")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pattern(nlp, name):
    text, expected = CASES[name]
    quotes = extract_article(nlp, Article(doc=name, text=text))
    found = [(q.text, q.speaker_mention, q.speaker, q.kind) for q in quotes]
    assert found == expected


def test_offsets_point_into_the_text(nlp):
    text, _ = CASES["split quote"]
    for quote in extract_article(nlp, Article(doc="split", text=text)):
        assert text[quote.start:quote.end] == quote.text
        assert text[quote.speaker_start:quote.speaker_end] == quote.speaker_mention
        assert text[quote.cue_start:quote.cue_end] == quote.cue
        assert quote.quote_id and quote.doc == "split"


def test_a_contracted_ending_names_no_source(nlp):
    """The tagger sometimes takes the "’s" of "Here’s Lind in 1992:" for a name and hangs the quote on it."""
    words = ["Here", "\u2019s", "Lind", "in", "1992", ":"]
    doc = Doc(nlp.vocab, words=words, pos=["ADV", "PROPN", "PROPN", "ADP", "NUM", "PUNCT"],
              heads=[1, 1, 1, 2, 3, 1], deps=["advmod", "ROOT", "appos", "prep", "pobj", "punct"])
    assert not names_a_source(doc[1:2])
    assert names_a_source(doc[2:3])


#: Passage -> the role of its one quote's speaker: a title or an affiliation, never an event or a headline.
ROLES = {
    "description before the name": (
        '"It was the best weekend of my life," says Campbell\'s partner, Jason Louth.',
        "Campbell's partner",
    ),
    "office before the name": (
        '"The video will be released," Attorney General Roy Cooper said.',
        "Attorney General",
    ),
    "words before a name that do not describe it": (
        "The ad cited disparaging remarks Jane Smith had made about farmers in 2019.\n\n"
        '"I stand by every word," Smith said.',
        None,
    ),
    "no role from a headline": (
        "Lawmakers Rip Jane Smith Over Farm Remarks\n\n"
        '"I stand by every word," Smith said on Monday.',
        None,
    ),
}


@pytest.mark.parametrize("name", list(ROLES))
def test_role(nlp, name):
    text, role = ROLES[name]
    [quote] = extract_article(nlp, Article(doc=name, text=text))
    assert quote.role == role


#: Passage -> the cue of its one quote, as written.
CUES = {
    "verb with its particle": ('"I quit," Jane Smith blurted out.', "blurted out"),
    "a reporting verb in a title-case headline": (
        "Paul Lind Slams Budget As 'A Disgrace'\n\nMayor Paul Lind criticized the council on Monday.",
        "Slams",
    ),
    "sentence-opening verb before a colon": ('Said Ryan Ellis: "Nobody here wants a new tax."', "Said"),
    "sentence-opening verb left out of the name": (
        'Economists doubt the plan. Said Ryan Ellis: "I don\'t get the sense she\'s interested in tax reform."',
        "Said",
    ),
    "the reporting verb right before the quote": ('Mary Blige sings to Clinton before asking her, "Where to?"', "asking"),
    "a headline verb after a plural, in title case": (
        "Black Lawmakers Rip Donald Trump As A 'Disgusting Fraud'\n\nDemocrats criticized Donald Trump on Friday.",
        "Rip",
    ),
    "a finite headline verb": (
        "Obama Sees 'Personal Insult' if Voters Stay Home\n\nPresident Obama spoke on Saturday.",
        "Sees",
    ),
    "a headline colon after a topic": (
        'Obama on Climate Change: The Trends Are "Terrifying."\n\nPresident Obama spoke on Thursday.',
        ":",
    ),
    "dash of a signature line": ('"He never answered the question."\n\n- Carla Sanchez.', "-"),
}


@pytest.mark.parametrize("name", list(CUES))
def test_cue(nlp, name):
    text, cue = CUES[name]
    [quote] = extract_article(nlp, Article(doc=name, text=text))
    assert quote.cue == cue
