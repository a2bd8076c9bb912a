//! Print, for each file, the document kind with the evidence that decided it and the PR/FAQ
//! parts found (a development aid until `starlint debug model` exists).
fn main() {
    let settings = starlint_lint::Settings::default();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let doc = starlint_lint::Document::named(&text, &settings, None, Some(&path));
        let d = &doc.decision;
        println!("{path}: {:?} (star {}, prfaq {})", d.kind, d.star, d.prfaq);
        for e in &d.evidence {
            println!("  {:?} {} {} {}", e.toward, e.weight, e.signal, e.detail);
        }
        let Some(pr) = &doc.prfaq else { continue };
        let line = |i: Option<usize>| {
            i.and_then(|i| doc.blocks.get(i))
                .map(|b| {
                    let s = doc.slice(b.content_start()..b.content_end());
                    s.lines()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(70)
                        .collect::<String>()
                })
                .unwrap_or_else(|| "-".into())
        };
        println!("  form {:?}", pr.form);
        println!("  headline   {}", line(pr.headline));
        println!("  subheading {}", line(pr.subheading));
        println!("  summary    {}", line(pr.summary));
        println!(
            "  dateline   {:?}",
            pr.dateline.clone().map(|r| doc.slice(r))
        );
        println!("  problem    {}", line(pr.problem));
        println!("  solution   {}", line(pr.solution));
        for q in &pr.quotes {
            println!("  quote {:?} {}", q.role, doc.slice(q.attribution.clone()));
        }
        println!("  cta        {}", line(pr.call_to_action));
        for f in &pr.faqs {
            println!(
                "  faq {:?} {} entries ({})",
                f.audience,
                f.entries.len(),
                line(f.heading)
            );
        }
    }
}
