// Chat words: the filler, padding idioms and shorthand of messages as members type them on Discord. They
// say nothing about what is asked, so normalise.ts weighs them as nothing or expands them before typo
// repair. Kept apart from vocabulary.ts (the grammar of a question) because they grow with every register.

/**
 * Conversational filler: greetings, hedges, "I was wondering", "I've heard", "is that a myth", "my mom
 * says", "or nah"; who is asking and how politely ("pharmacist here", "student question", "please sir",
 * "kindly", "is it correct"). A chatty message wraps one topic in many of these, and none of them says what
 * the topic is, so they weigh nothing (an unknown word would otherwise weigh as much as the rarest topic word).
 */
export const FILLER_WORDS = `hello hi hey heya howdy greetings morning evening afternoon night tonight folks everyone everybody
all guys team community lately recently currently wanted want wanting ask asking asked wondering wonder
wondered curious curiosity specifically actually really just know knew known think thought thinking heard hear hearing
myth myths true truth false anything something positive stuff thing things lot lots bit quick quickly question questions
query wondering basically literally honestly seriously simply kinda sorta pretty totally probably maybe perhaps
somewhere somehow someone somebody anyone anybody hype hyped marketing overrated legit real reality claim claims
supposedly apparently allegedly rumor rumour rumors rumours forum forums reddit online internet google googled browsing
browse scrolling lurker lurking longtime ago said says saying told tell telling mention
mentions mentioned tbf ngl fyi fwiw afaik iirc lmk appreciate appreciated cheers thx ty tia advance sorry excuse
youtube tiktok instagram facebook twitter podcast podcasts video videos influencer influencers
dumb silly stupid noob newbie beginner random general generally overall whatever anyway anyways also plus though tho
although still even ever terms regards regarding respect nah naw nope yup lmfao haha hahaha claiming claimed
friend friends buddy mate mom moms mum mums mother dad dads father parents wife husband partner sister brother
boyfriend girlfriend coworker colleague roommate grandma grandpa granny aunt uncle sentence sentences paragraph
paragraphs eli5 layman laymans plain idea ideas clue clueless definitely definite definitively certainly absolutely
surely oi innit lowkey highkey fr frfr bruh bruv fam deadass istg smh ikr omg omfg rly srsly tbqh imho cap
abeg biko jare sef abi po lang ko naman kasi ba wait again mostly mainly primarily largely chiefly pull alone
list lists listed listing bullet bullets explanation explanations welcome context contexts
heck hell damn dang frick fricking freaking flipping effing vibes vibe imagining imagine imagined
pharmacist pharmacists pharmacologist nurse nurses teacher teachers student students pupil lecturer professor prof
trainee intern caregiver carer sir sirs madam maam mam kindly dear respected correct incorrect
yaar bhai kya nahi toh hallo genau mein freund freundin bitte danke oder hola amigo amiga gracias pues oye
shukriya shukran marhaba salaam salam assalamualaikum dhanyavad dhanyawad ji arigato arigatou merci grazie obrigado
obrigada salamat ako kuya ate anh chi em khong xin chao cam bai bao bonjour ciao namaste hej tak dziekuje teşekkürler tesekkurler
merhaba selamat habari asante jambo kalimera privet spasibo konnichiwa arigatou annyeong kamsahamnida bedankt goedemorgen hoi
مرحبا شكرا السلام عليكم`;

/**
 * Hedge words (all of them filler too) that members drop inside a phrase: "does it actually say", "tell
 * people to really do". Taken out of the message before its phrases are read (understand.ts).
 */
export const HEDGE_WORDS = 'actually really even just basically literally honestly seriously kinda sorta truly';

/**
 * Idioms that hedge or pad a question without naming anything ("in the first place", "by any chance",
 * "if that makes sense", "asking for a friend"): their words would otherwise count as topic words ("first",
 * "place", "sense", or "chance" read as a risk). Matched on whole normalised words, after typo repair.
 */
export const FILLER_PHRASES: readonly string[] = `in the first place|first of all|first off|by any chance|any chance
|if that makes sense|does that make sense|if you know what i mean|asking for a friend|for a friend|out of curiosity
|long story short|at the end of the day|on the other hand|as far as i know|in my case|for what its worth
|fair enough|no worries|no rush|just wondering|in advance|or is it all hype|all hype|just hype|or is it hype
|is it all vibes|all vibes|just vibes|people like me|someone like me|folks like me|for real|to be fair
|to be honest|real quick|quick question|guten tag|guten morgen|guten abend|dank je wel|terima kasih|dzien dobry|dobry den|in bullet points|bullet points|bullet point|as a list|in a list|good morning|good evening|good afternoon|good night|good day|sorry my english is not good|sorry my english is bad|sorry for my english|sorry for bad english|sorry my english|excuse my english
|my english is not good|my english is bad|english not so good|english not good|english is not my first language
|not my first language|not a native speaker|non native speaker|im not a scientist|not a scientist|im no scientist
|im not a doctor|not a doctor|im no expert|not an expert|no science background|not a science person|these days|nowadays|right now|at the moment|if anyone knows
|does anyone know|anyone know|any thoughts|thoughts on this|sorry if this is dumb|sorry if dumb question
|dumb question|stupid question|silly question|newbie question|noob question|follow up|followup
|follow up question|quick follow up|medical student|med student|nursing student|pharmacy student|biology student
|if i understand correctly|if i understood correctly|if i understand right|if i understood right|if i understand it right
|if im understanding correctly|if im understanding this right|if im reading this right|if i read it right|if i read that right
|if i got it right|if i got that right|did i get that right|did i get it right|did i understand correctly
|did i understand that right|did i understand it right|have i got that right|have i got it right|do i have that right
|do i have it right|do i have this right|am i reading this right|am i reading that right|am i reading it right
|am i understanding this right|am i understanding correctly|am i right|am i correct|correct me if im wrong
|in my own words|in other words|to put it another way|put simply|is it fair to say|would it be fair to say
|is it accurate to say|would it be accurate to say|is it right to say|would it be right to say|would you say
|let me check i got this|let me check i got that|let me check if i got this right|let me check if i understood
|let me get this straight|let me see if i got this|just to check|just to be sure|just to make sure|so basically
|take care|thanks so much|thank you so much|thanks a lot|thanks a bunch|much appreciated|have a good one
|have a nice day|have a great day|all the best|best wishes|kind regards|many thanks|stay safe`
  .split('|')
  .map((p) => p.trim())
  .filter((p) => p.length > 0);

/** Chat shorthand a member types for a whole word; expanded before typo repair so "wat r" reads "what are". */
export const SHORTHAND: ReadonlyMap<string, string> = new Map(
  Object.entries({
    wat: 'what',
    wtf: 'what',
    wth: 'what',
    wats: 'whats',
    wuts: 'whats',
    wut: 'what',
    wht: 'what',
    whta: 'what',
    r: 'are',
    u: 'you',
    ya: 'you',
    ur: 'your',
    yer: 'your',
    owt: 'anything',
    fer: 'for',
    yr: 'your',
    y: 'why',
    abt: 'about',
    bout: 'about',
    pls: 'please',
    plz: 'please',
    thx: 'thanks',
    thnx: 'thanks',
    bc: 'because',
    bcs: 'because',
    bcoz: 'because',
    cuz: 'because',
    coz: 'because',
    cos: 'because',
    n: 'and',
    nd: 'and',
    w: 'with',
    cn: 'can',
    cld: 'could',
    cud: 'could',
    shld: 'should',
    shud: 'should',
    wud: 'would',
    wld: 'would',
    hw: 'how',
    dat: 'that',
    da: 'the',
    gud: 'good',
    gd: 'good',
    ppl: 'people',
    sth: 'something',
    smth: 'something',
    enuf: 'enough',
    enuff: 'enough',
    sys: 'system',
    prob: 'probably',
    probs: 'probably',
    def: 'definitely',
    defo: 'definitely',
    rly: 'really',
    rlly: 'really',
    srsly: 'seriously',
    bcuz: 'because',
    dnt: 'dont',
    wen: 'when',
    hv: 'have',
    hav: 'have',
    shd: 'should',
  }),
);
