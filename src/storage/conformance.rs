//! The behaviour every [`Repository`] must have. Run natively against [`super::memory::MemoryRepository`]
//! (`tests/storage.rs`) and in headless Chromium against IndexedDB (`tests/browser.rs`).

use super::{Expect, Kind, PlanSummary, Repository, StorageError, TariffSummary, WriteBatch};
use crate::domain::plan::{NodeData, Plan};
use crate::domain::tariff::Tariff;
use crate::domain::{bundle, edit};

fn plan(id: &str, title: &str) -> Plan {
    let mut p = Plan::new(
        id.into(),
        title.into(),
        "Folktandvårdsnämnden".into(),
        2025,
        "2025-01-02T03:04:05.000Z".into(),
    );
    let persp = edit::add_child(&mut p, None, crate::domain::plan::NodeKind::Perspektiv).unwrap();
    let goal = edit::add_child(&mut p, Some(&persp), crate::domain::plan::NodeKind::Mal).unwrap();
    edit::add_child(&mut p, Some(&goal), crate::domain::plan::NodeKind::Matt).unwrap();
    p.nodes[0].text = format!("Perspektiv i {title} <script>åäö</script>");
    p
}

/// Storing a record's text as it is, bypassing validation: how the suite makes a damaged record (from an older
/// bug, a hand-edited file or a newer version). Implemented by both twins for tests only.
#[allow(
    async_fn_in_trait,
    reason = "used only on the single browser thread; no Send bound wanted"
)]
pub trait Poison {
    async fn poison(&self, kind: Kind, key: &str, text: &str);
}

/// Run every check on an empty repository; panics on the first failure.
pub async fn run_all<R: Repository + Poison>(repo: &R) {
    repo.clear().await.unwrap();
    empty_repository_lists_nothing(repo).await;
    saved_plan_loads_back_equal(repo).await;
    save_replaces(repo).await;
    list_is_sorted_by_title(repo).await;
    delete_removes_only_that_plan(repo).await;
    failed_batch_leaves_records_byte_identical(repo).await;
    batch_is_applied_whole(repo).await;
    clear_removes_everything(repo).await;
    demo_bundle_survives_storage(repo).await;
    tariffs_are_kept_apart_from_plans(repo).await;
    tariff_list_reads_what_the_full_read_reads(repo).await;
    a_record_that_would_not_read_back_is_refused(repo).await;
    a_stale_revision_is_refused_and_nothing_changes(repo).await;
    deleted_and_cleared_records_keep_a_tombstone_revision(repo).await;
    damaged_records_are_listed_exported_around_and_deletable(repo).await;
}

async fn empty_repository_lists_nothing<R: Repository>(repo: &R) {
    assert!(repo.list().await.unwrap().is_empty());
    assert_eq!(repo.load("x").await.unwrap(), None);
}

async fn saved_plan_loads_back_equal<R: Repository>(repo: &R) {
    let p = plan("a", "Alfa");
    repo.save(&p).await.unwrap();
    assert_eq!(repo.load("a").await.unwrap(), Some(p));
    repo.clear().await.unwrap();
}

async fn save_replaces<R: Repository>(repo: &R) {
    let mut p = plan("a", "Alfa");
    repo.save(&p).await.unwrap();
    p.title = "Alfa 2".into();
    if let NodeData::Mal(g) = &mut p.nodes[1].data {
        g.number = Some(7);
    }
    repo.save(&p).await.unwrap();
    assert_eq!(repo.load_all().await.unwrap(), vec![p]);
    repo.clear().await.unwrap();
}

async fn list_is_sorted_by_title<R: Repository>(repo: &R) {
    for (id, t) in [("1", "Örebro"), ("2", "alfa"), ("3", "Beta")] {
        repo.save(&plan(id, t)).await.unwrap();
    }
    let titles: Vec<String> = repo
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, ["alfa", "Beta", "Örebro"]);
    repo.clear().await.unwrap();
}

async fn delete_removes_only_that_plan<R: Repository>(repo: &R) {
    repo.save(&plan("a", "A")).await.unwrap();
    repo.save(&plan("b", "B")).await.unwrap();
    repo.delete("a").await.unwrap();
    let ids: Vec<String> = repo
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, ["b"]);
    repo.clear().await.unwrap();
}

async fn failed_batch_leaves_records_byte_identical<R: Repository>(repo: &R) {
    repo.save(&plan("a", "A")).await.unwrap();
    repo.save(&plan("b", "B")).await.unwrap();
    repo.save_tariff(&tariff("t", "1100")).await.unwrap();
    let before = repo.records().await.unwrap();
    let tariffs_before = repo.records_of(Kind::Tariff).await.unwrap();
    // deletes, replaces, a tariff and a new plan go first; then an add that collides must undo all of them
    let changed = plan("b", "B ändrad");
    let err = repo
        .write(WriteBatch {
            delete: &["a".to_string()],
            put: &[changed],
            add_new: &[plan("c", "C"), plan("b", "krock")],
            put_tariffs: &[tariff("t", "999"), tariff("u", "5")],
            put_rule_sets: &[crate::domain::tariff::subsidy::rules_2026()],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert_eq!(err, StorageError::Conflict("b".into()));
    assert_eq!(repo.records().await.unwrap(), before);
    assert_eq!(repo.records_of(Kind::Tariff).await.unwrap(), tariffs_before);
    assert!(repo.load_rule_sets().await.unwrap().is_empty());
    repo.clear().await.unwrap();
}

async fn batch_is_applied_whole<R: Repository>(repo: &R) {
    repo.save(&plan("a", "A")).await.unwrap();
    repo.save(&plan("b", "B")).await.unwrap();
    repo.write(WriteBatch {
        delete: &["a".to_string()],
        put: &[plan("b", "B2")],
        add_new: &[plan("c", "C")],
        ..Default::default()
    })
    .await
    .unwrap();
    let titles: Vec<String> = repo
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, ["B2", "C"]);
    repo.clear().await.unwrap();
}

async fn clear_removes_everything<R: Repository>(repo: &R) {
    repo.save(&plan("a", "A")).await.unwrap();
    repo.save_tariff(&tariff("t", "1")).await.unwrap();
    repo.clear().await.unwrap();
    assert!(repo.records().await.unwrap().is_empty());
    assert!(repo.load_tariffs().await.unwrap().is_empty());
}

fn tariff(id: &str, price: &str) -> Tariff {
    let mut t = Tariff::new(
        id.into(),
        format!("Taxa {id}"),
        2025,
        "2025-01-02T03:04:05.000Z".into(),
    );
    t.rows = crate::domain::tariff::csv_io::read_tariff(
        format!("Kod;Text;Pris;Referenspris\r\n101;Basundersökning <b>;{price};1015\r\n")
            .as_bytes(),
    )
    .unwrap();
    t.assume_equal_volumes(3);
    t
}

async fn tariffs_are_kept_apart_from_plans<R: Repository>(repo: &R) {
    let t = tariff("a", "1 100,50");
    repo.save(&plan("a", "Plan a")).await.unwrap();
    repo.save_tariff(&t).await.unwrap();
    assert_eq!(repo.load_tariff("a").await.unwrap(), Some(t.clone()));
    assert_eq!(repo.load_tariffs().await.unwrap(), vec![t.clone()]);
    // the same id in another kind is another record
    assert_eq!(repo.list().await.unwrap().len(), 1);
    let mut t2 = t.clone();
    t2.rows[0].price = rust_decimal::Decimal::from(1200);
    repo.save_tariff(&t2).await.unwrap();
    assert_eq!(repo.load_tariffs().await.unwrap(), vec![t2]);
    repo.write(WriteBatch {
        delete_tariffs: &["a".to_string()],
        put_rule_sets: &[crate::domain::tariff::subsidy::rules_2025()],
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(repo.load_tariff("a").await.unwrap(), None);
    assert_eq!(
        repo.load_rule_sets().await.unwrap(),
        vec![crate::domain::tariff::subsidy::rules_2025()]
    );
    repo.clear().await.unwrap();
}

async fn demo_bundle_survives_storage<R: Repository>(repo: &R) {
    let bytes = include_bytes!("../../public/demo/norrbotten-scorecard-2022.verksam.json");
    let ws = bundle::import(bytes).unwrap();
    repo.write(WriteBatch {
        add_new: &ws.plans,
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(
        bundle::export(&repo.load_all().await.unwrap()),
        bytes.to_vec()
    );
    // the light list says what the full read says
    let full: Vec<PlanSummary> = repo
        .load_all()
        .await
        .unwrap()
        .iter()
        .map(Into::into)
        .collect();
    assert_eq!(repo.list().await.unwrap(), full);
    assert!(full[0].nodes > 100, "{:?}", full[0]);
    repo.clear().await.unwrap();
}

async fn tariff_list_reads_what_the_full_read_reads<R: Repository>(repo: &R) {
    let mut b = tariff("b", "1 100,50");
    b.name = "alfa".into();
    let mut a = tariff("a", "900");
    a.name = "Beta".into();
    a.kind = crate::domain::tariff::TariffKind::Jour;
    a.normal_id = Some("b".into());
    a.volume_source = crate::domain::tariff::VolumeSource::Imported {
        file: "volymer.csv".into(),
    };
    repo.write(WriteBatch {
        put_tariffs: &[a.clone(), b.clone()],
        ..Default::default()
    })
    .await
    .unwrap();
    let list = repo.tariff_list().await.unwrap();
    assert_eq!(list, vec![TariffSummary::from(&b), TariffSummary::from(&a)]);
    assert_eq!(list[1].volumes, "Volymer från ”volymer.csv”");
    assert_eq!(list[1].normal_id.as_deref(), Some("b"));
    // a jour tariff sits right under its normal tariff, whatever their names
    let mut c = tariff("c", "500");
    c.name = "Aaa".into();
    let mut z = tariff("z", "500");
    z.name = "Ööö".into();
    b.name = "Normal".into();
    a.name = "Jour till Normal".into();
    repo.write(WriteBatch {
        put_tariffs: &[a.clone(), b.clone(), c.clone(), z.clone()],
        ..Default::default()
    })
    .await
    .unwrap();
    let ids: Vec<String> = repo
        .tariff_list()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["c", "b", "a", "z"]);
    repo.clear().await.unwrap();
}

async fn a_record_that_would_not_read_back_is_refused<R: Repository>(repo: &R) {
    repo.save(&plan("a", "A")).await.unwrap();
    let before = repo.records().await.unwrap();
    // a title one character over the limit, a child id over the id limit, a tariff with a tiny price
    let mut long = plan("a", "A");
    long.title = "x".repeat(crate::domain::limits::MAX_TEXT_CHARS + 1);
    let err = repo.save(&long).await.unwrap_err();
    match &err {
        StorageError::Invalid { error, .. } => {
            assert_eq!(error.path, "plan.title");
            assert!(matches!(
                error.kind,
                crate::domain::error::ErrorKind::TooLong { .. }
            ));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(err.to_string().contains("kan inte sparas"), "{err}");
    let too_long_id = plan(&"i".repeat(crate::domain::limits::MAX_ID_CHARS + 1), "B");
    assert!(matches!(
        repo.save(&too_long_id).await,
        Err(StorageError::Invalid { .. })
    ));
    let mut t = tariff("t", "100");
    t.rows[0].reference = Some(rust_decimal::Decimal::new(1, 28));
    assert!(matches!(
        repo.save_tariff(&t).await,
        Err(StorageError::Invalid { .. })
    ));
    // one bad item in a batch refuses the whole batch
    let err = repo
        .write(WriteBatch {
            delete: &["a".to_string()],
            add_new: &[plan("ok", "OK"), long],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Invalid { .. }));
    assert_eq!(repo.records().await.unwrap(), before);
    assert!(repo.load_tariff("t").await.unwrap().is_none());
    repo.clear().await.unwrap();
}

async fn a_stale_revision_is_refused_and_nothing_changes<R: Repository>(repo: &R) {
    let a = plan("a", "A");
    let rev0 = repo.save_doc(&a, None).await.unwrap();
    let (read, rev) = repo.load_doc::<Plan>("a").await.unwrap().unwrap();
    assert_eq!((read, rev), (a.clone(), rev0));
    // tab one writes on the revision it read
    let mut one = a.clone();
    one.title = "Ett".into();
    let rev1 = repo.save_doc(&one, Some(rev)).await.unwrap();
    assert_eq!(rev1, rev + 1);
    // tab two still holds the old revision: refused, and the first write stands
    let mut two = a.clone();
    two.organisation = "Två".into();
    let err = repo.save_doc(&two, Some(rev)).await.unwrap_err();
    assert_eq!(
        err,
        StorageError::Stale {
            kind: Kind::Plan,
            key: "a".into()
        }
    );
    assert!(err.to_string().contains("annan flik"), "{err}");
    assert_eq!(repo.load("a").await.unwrap(), Some(one.clone()));
    // a stale expectation in a larger batch refuses all of it
    let err = repo
        .write(WriteBatch {
            add_new: &[plan("b", "B")],
            put_tariffs: &[tariff("t", "1")],
            expect: &[Expect {
                kind: Kind::Plan,
                key: "a".into(),
                rev,
            }],
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Stale { .. }));
    assert_eq!(repo.list().await.unwrap().len(), 1);
    assert!(repo.load_tariff("t").await.unwrap().is_none());
    // the same revision kinds are apart: a tariff "a" has its own
    let (_, plan_rev) = repo.load_doc::<Plan>("a").await.unwrap().unwrap();
    let t = tariff("a", "5");
    let trev = repo.save_doc(&t, None).await.unwrap();
    assert_eq!(repo.save_doc(&t, Some(trev)).await.unwrap(), trev + 1);
    assert_eq!(
        repo.load_doc::<Plan>("a").await.unwrap().unwrap().1,
        plan_rev
    );
    repo.clear().await.unwrap();
}

async fn deleted_and_cleared_records_keep_a_tombstone_revision<R: Repository>(repo: &R) {
    let a = plan("tomb", "A");
    let rev = repo.save_doc(&a, None).await.unwrap();
    repo.delete("tomb").await.unwrap();
    // a tab still showing the deleted plan cannot write it back unnoticed
    assert!(matches!(
        repo.save_doc(&a, Some(rev)).await,
        Err(StorageError::Stale { .. })
    ));
    let rev = repo.save_doc(&a, None).await.unwrap();
    repo.clear().await.unwrap();
    assert!(matches!(
        repo.save_doc(&a, Some(rev)).await,
        Err(StorageError::Stale { .. })
    ));
    assert!(repo.records().await.unwrap().is_empty());
    repo.clear().await.unwrap();
}

async fn damaged_records_are_listed_exported_around_and_deletable<R: Repository + Poison>(
    repo: &R,
) {
    let good = plan("good", "Bra plan");
    repo.save(&good).await.unwrap();
    repo.save_tariff(&tariff("t", "100")).await.unwrap();
    // a title over the limit passes the header read but not the full one; the other is not JSON at all
    let mut long = plan("long", "x");
    long.title = "y".repeat(crate::domain::limits::MAX_TEXT_CHARS + 1);
    let unchecked = bundle::export_compact(std::slice::from_ref(&long));
    repo.poison(Kind::Plan, "long", &unchecked).await;
    repo.poison(Kind::Tariff, "broken", "{\"format\":").await;
    let inv = repo.inventory().await.unwrap();
    assert_eq!(
        inv.plans.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["good", "long"]
    );
    assert_eq!(inv.tariffs.len(), 1);
    assert_eq!(inv.unreadable.len(), 1);
    assert_eq!(
        (inv.unreadable[0].kind, inv.unreadable[0].key.as_str()),
        (Kind::Tariff, "broken")
    );
    // the full read finds both, and reads everything else
    let (ws, bad) = repo.read_everything().await.unwrap();
    assert_eq!(ws.plans, vec![good.clone()]);
    assert_eq!(ws.tariffs.len(), 1);
    let keys: Vec<(Kind, &str)> = bad.iter().map(|u| (u.kind, u.key.as_str())).collect();
    assert_eq!(keys, [(Kind::Plan, "long"), (Kind::Tariff, "broken")]);
    assert!(bad[0].error.contains("för lång"), "{}", bad[0].error);
    assert!(bad[1].error.contains("slut för tidigt"), "{}", bad[1].error);
    // the raw text is there to export, and the record can be deleted by its key
    assert_eq!(
        repo.record_of(Kind::Plan, "long").await.unwrap().as_deref(),
        Some(unchecked.as_str())
    );
    repo.delete_record(Kind::Plan, "long").await.unwrap();
    repo.delete_record(Kind::Tariff, "broken").await.unwrap();
    let (ws, bad) = repo.read_everything().await.unwrap();
    assert!(bad.is_empty());
    assert_eq!(ws.plans, vec![good]);
    repo.clear().await.unwrap();
}
