/// Short English words that are also written as acronyms: IT and "it", US and "us", REST and "the
/// rest". A glossary acronym spelled like one of them is used only where it is written in capitals;
/// written otherwise it is the ordinary word, which no term-casing warning, hover or fix should touch.
enum CommonWords {
    /// Words of two to four letters common in English prose, lower-cased.
    static let english: Set<String> = {
        let words = """
        a am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ad ax \
        ace act add ado age ago aid aim air all and ant any ape arc are ark arm art ask ate awe axe bad bag ban bar bat bay bed bee \
        beg bet bid big bin bit bog bow box boy bud bug bun bus but buy bye cab can cap car cat cod cog cop cot cow cry cub cue cup \
        cut dad dam day den dew did die dig dim dip doc doe dog don dot dry due dug dye ear eat ebb egg ego elf elk elm end era eve \
        eye fad fan far fat fax fed fee few fig fin fir fit fix flu fly foe fog for fox fry fun fur gag gap gas gel gem get gig gin \
        god got gum gun gut guy gym had ham has hat hay hem hen her hew hid him hip his hit hog hop hot how hub hue hug hum hut ice \
        icy ill imp ink inn ion its ivy jab jam jar jaw jet jig job jog jot joy jug key kid kin kit lab lad lag lap law lay led \
        leg let lid lie lip lit log lot low mad man map mat max may men met mid mix mob mod mom mop mud mug nag nap net new nil nip \
        nod nor not now nun nut oak oar oat odd off oft oil old one opt orb ore our out owe owl own pad pal pan pat paw pay pea peg \
        pen per pet pew pie pig pin pit ply pod pop pot pro pry pub pun pup put rag ran rap rat raw ray red rib rid rig rim \
        rip rob rod roe rot row rub rug rum run rut rye sad sag sat saw say sea see set sew she shy sin sip sir sit six ski sky \
        sly sob sod son sow soy spy sub sum sun tab tad tag tan tap tar tax tea tee ten the tie tin tip toe ton too top tow toy \
        try tub tug two urn use van vat vet via vow wad wag war was wax way web wed wet who why wig win wit woe wok won woo wow yam \
        yes yet you zap zip zoo \
        able ache acid aged also area army aunt auto away baby back bake ball band bank bare bark barn base bash bath bead beam \
        bean bear beat been beer bell belt bend best bike bill bind bird bite blow blue blur boat body bold bolt bomb bond bone \
        book boom boot bore born boss both bowl bulk bull burn bush busy cafe cage cake call calm came camp cape card care cart \
        case cash cast cell chat chip city clap clay clip club clue coal coat code coin cold come cone cook cool cope copy cord \
        core cork corn cost cosy crew crop crow cube cure curl cute dare dark dash data date dawn days dead deaf deal dear debt \
        deck deep deer demo deny desk dial dice diet dirt disc dish disk dive dock does dome done doom door dose down drag draw \
        drew drip drop drum dual duck dull dump dune dusk dust duty each earn ease east easy edge edit else emit envy epic even \
        ever evil exam exit face fact fade fail fair fake fall fame farm fast fate fear feat feed feel feet fell felt fern file \
        fill film find fine fire firm fish fist five flag flat fled flex flip flow foam fold folk fond font food fool foot fork \
        form fort foul four free frog from fuel full fund fuse fuss gain gait gale game gang gate gave gear gift girl give glad \
        glow glue goal goat goes gold golf gone good gown grab gray grew grid grim grin grip grow gulf guru hack hail hair half \
        hall halt hand hang hard harm hash hate haul have hawk head heal heap hear heat heel held hell helm help herb herd here \
        hero hide high hike hill hint hire hold hole holy home hood hook hope horn hose host hour huge hung hunt hurt idea idle \
        inch info into iron item jail jazz join joke jump jury just keen keep kept kick kill kind king kiss kite knee knew knit \
        knot know lace lack lady laid lake lamb lamp land lane last late lawn lazy lead leaf leak lean leap left lend lens less \
        lick life lift like limb lime limp line link lion list live load loaf loan lock loft logo long look loop lord lose loss \
        lost loud love luck lump lung lure made mail main make male mall many mark mask mass mast mate math maze meal mean meat \
        meet melt memo menu mere mesh mess mild mile milk mill mind mine mint miss mist mode mood moon more moss most moth move \
        much mule must myth nail name navy near neat neck need nest news next nice nine node none noon norm nose note noun nude \
        oath obey odds okay once only onto open oral oven over pace pack page paid pain pair pale palm pane park part pass past \
        path peak pear peel peer pick pier pile pill pine pink pipe plan play plea plot plow plug plus poem poet pole poll pond \
        pony pool poor pope pork port pose post pour pray prey prop pull pump pure push quit quiz race rack raft rage raid rail \
        rain rank rare rate read real rear rely rent rest rice rich ride ring riot rise risk road roam roar robe rock rode role \
        roll roof room root rope rose ruin rule rush rust safe saga sage said sail sake sale salt same sand sang save scan seal \
        seat seed seek seem seen self sell send sent shed ship shoe shop shot show shut sick side sigh sign silk sing sink site \
        size skip slam slap slid slim slip slot slow snap snow soap soar sock soda sofa soft soil sold sole some song soon sore \
        sort soul soup sour span spin spot star stay stem step stir stop such suit sung sunk sure swap swim tail take tale talk \
        tall tame tank tape task team tear tell temp tend tent term test text than that them then they thin this thus tick tide \
        tidy tier tile till time tiny tire toad told toll tone tool toss tour town trap tray tree trim trip true tube tuck tune \
        turn twin type ugly undo unit upon urge used user vary vast verb very vest veto view vine visa void vote wage wait wake \
        walk wall want ward warm warn wash wave ways weak wear week well went were west what when whip whom wide wife wild will \
        wind wine wing wink wipe wire wise wish with woke wolf wood wool word wore work worm worn wrap yard yarn yeah year yell \
        your zero zone zoom
        """
        return Set(words.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }()

    /// Whether `name` is an acronym of two to four capitals that spells a common word ("IT", "US",
    /// "REST"), so that only its capitals are a use of it.
    static func isAcronymOfCommonWord(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (2...4).contains(bytes.count), bytes.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return false }
        return english.contains(name.lowercased())
    }
}
