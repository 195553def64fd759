//! The grades Folktandvården Jönköping's Delårsrapport 2 2024 states for its mätetal (seed 002, lines
//! 3142–3202): per measure in running text and bullets, and as two måluppfyllelse tables (the politically
//! decided measures, with the same period of 2023 beside them, and the unit's own). The CSV has no column for
//! them, so they are written here with their lines; `tests/demo_data.rs` checks every quote against an excerpt
//! of the report.

use crate::domain::measure::Grade;
use crate::domain::origin::{Decided, SourceRef};
use crate::domain::period::{Period, PeriodCode};
use crate::domain::plan::{StatedCounts, StatedGrade};

/// The report the grades come from.
pub const SOURCE_FILE: &str = "002_dafa2fe6fd2ca6d7.txt";

/// The plan they belong to.
pub const PLAN_ID: &str = "jkp24-ftv";

/// A measure's stated grade: the CSV row's `line` (the measure), the grade, the words, and the lines they are on.
pub const GRADES: [(u32, Grade, &str, u32, u32); 20] = [
    (4279, Grade::Uppfyllt, "Mer konkret uppfylls mätetalen avseende antal årsarbetare", 3167, 3167),
    (4522, Grade::Uppfyllt, "uppfylls mätetalen avseende … andel heltidsanställda", 3167, 3167),
    (4638, Grade::Uppfyllt, "uppfylls mätetalen avseende … ekonomi i balans", 3167, 3167),
    (4776, Grade::Uppfyllt, "uppfylls mätetalen avseende … en positiv helårsprognos", 3167, 3168),
    (3332, Grade::Delvis, "Delvis uppfylls mätetalen avseende andel revisionspatienter i tid i allmäntandvården", 3168, 3169),
    (3349, Grade::Delvis, "Delvis uppfylls mätetalen avseende … minskningen av antalet nya patienter i kö till allmäntandvården", 3168, 3169),
    (3405, Grade::Delvis, "Delvis uppfylls mätetalen avseende … tillgängligheten till specialisttandvården", 3168, 3170),
    (4456, Grade::Delvis, "Delvis uppfylls mätetalen avseende … personalfrånvaro", 3168, 3170),
    (3316, Grade::EjUppfyllt, "Målen som inte uppfylls är täckningsgraden av den uppsökande verksamheten", 3172, 3172),
    (4318, Grade::EjUppfyllt, "Målen som inte uppfylls är … personalomsättningen i procent", 3172, 3173),
    (3370, Grade::Uppfyllt, "Uppföljning av att rätt revisionsintervall enligt nya riktlinjer tillämpas för vuxna patienter 24-74 år (uppfyllt)", 3176, 3177),
    (3389, Grade::Uppfyllt, "Uppföljning av att rätt revisionsintervall enligt nya riktlinjer tillämpas för patienter 0-23 år (uppfyllt)", 3179, 3179),
    (3494, Grade::Delvis, "Uppföljning av andel av revisionspatienterna som har frisktandvårdsavtal (delvis uppfyllt)", 3181, 3181),
    (3512, Grade::EjUppfyllt, "Andel frisktandvårdspatienter av nya patienter som lämnar barn- och ungdomstandvården (ej uppfyllt)", 3183, 3184),
    (3663, Grade::EjUppfyllt, "Andel genomförda digitala vårdmöten (ej uppfyllt)", 3186, 3186),
    (3728, Grade::Uppfyllt, "Följsamhet till basala hygienrutiner och klädregler (uppfyllt)", 3188, 3188),
    (4018, Grade::EjUppfyllt, "Andel genomförda betalningar i självbetjäningsterminal (ej uppfyllt)", 3190, 3190),
    (3192, Grade::Uppfyllt, "Antal pågående doktorandutbildningar (uppfyllt)", 3192, 3192),
    (4046, Grade::EjUppfyllt, "Antal utbildade parodontologi-tandsköterskor i allmäntandvården (ej uppfyllt)", 3194, 3194),
    (4243, Grade::EjUppfyllt, "Andel medarbetarsamtal (ej uppfyllt)", 3196, 3196),
];

/// The report's own tables: (year of the Delår augusti column, group, uppfyllda, delvis, ej, first and last
/// line).
pub const COUNTS: [(i32, Decided, u32, u32, u32, u32, u32); 3] = [
    (2024, Decided::Politiskt, 4, 4, 2, 3142, 3164),
    (2023, Decided::Politiskt, 2, 2, 6, 3142, 3164),
    (2024, Decided::Eget, 4, 1, 5, 3198, 3202),
];

fn source(line: u32, end: u32) -> Option<SourceRef> {
    Some(SourceRef {
        file: SOURCE_FILE.into(),
        line,
        line_end: (end != line).then_some(end),
    })
}

/// The stated grade of the measure on CSV line `line` of the plan `plan_id`, if the report states one.
pub fn grade_for(plan_id: &str, line: u32) -> Option<StatedGrade> {
    if plan_id != PLAN_ID {
        return None;
    }
    GRADES
        .iter()
        .find(|g| g.0 == line)
        .map(|&(_, grade, quote, from, to)| StatedGrade {
            period: Period::new(2024, PeriodCode::Da08),
            grade,
            quote: quote.into(),
            source: source(from, to),
        })
}

/// The report's own måluppfyllelse tables for the plan `plan_id`.
pub fn counts_for(plan_id: &str) -> Vec<StatedCounts> {
    if plan_id != PLAN_ID {
        return vec![];
    }
    COUNTS
        .iter()
        .map(
            |&(year, decided, uppfyllt, delvis, ej, from, to)| StatedCounts {
                period: Period::new(year, PeriodCode::Da08),
                decided,
                uppfyllt,
                delvis,
                ej,
                source: source(from, to),
            },
        )
        .collect()
}
