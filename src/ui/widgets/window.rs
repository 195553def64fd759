//! A long table that draws only the rows in view (and a margin) between two spacers as tall as the rest: the
//! tariff table from 1 000 rows, *Rapportera period* from 300 lines. The rows are kept one line high while
//! windowed; their height is measured once drawn.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Window {
    /// The scrolling box around the table.
    pub scroller: NodeRef<leptos::html::Div>,
    scroll_top: RwSignal<f64>,
    view_height: RwSignal<f64>,
    /// A drawn row's height in pixels.
    pub row_h: RwSignal<f64>,
    /// Whether only the rows in view are drawn.
    pub windowed: Memo<bool>,
    /// The rows drawn: `start..end`.
    pub range: Memo<(usize, usize)>,
}

impl Window {
    /// A window over `n` rows, drawn whole below `from`. `overscan` rows are drawn above and below the view;
    /// `keep` is a row always drawn when near (the one with the focus, so scrolling never takes it away).
    /// `row` selects a drawn row to measure.
    pub fn new(
        n: Signal<usize>,
        from: usize,
        overscan: usize,
        row_h: f64,
        keep: Signal<Option<usize>>,
        row: &'static str,
    ) -> Window {
        let scroller = NodeRef::<leptos::html::Div>::new();
        let scroll_top = RwSignal::new(0.0f64);
        let view_height = RwSignal::new(700.0f64);
        let row_h = RwSignal::new(row_h);
        let windowed = Memo::new(move |_| n.get() > from);
        let range = Memo::new(move |_| {
            let n = n.get();
            if !windowed.get() {
                return (0, n);
            }
            let h = row_h.get().max(1.0);
            let first = ((scroll_top.get() / h) as usize)
                .saturating_sub(overscan)
                .min(n);
            let count = (view_height.get() / h).ceil() as usize + 2 * overscan;
            let (mut a, mut b) = (first, (first + count).min(n));
            if let Some(k) = keep
                .get()
                .filter(|k| *k < n && k.abs_diff(first) < 4 * count)
            {
                a = a.min(k);
                b = b.max(k + 1);
            }
            (a, b)
        });
        // the rows' real height, once drawn
        Effect::new(move |_| {
            range.track();
            if !windowed.get() {
                return;
            }
            request_animation_frame(move || {
                let Some(el) = scroller.get_untracked() else {
                    return;
                };
                view_height.set(f64::from(el.client_height()));
                if let Ok(Some(r)) = el.query_selector(row) {
                    let h = f64::from(r.unchecked_into::<web_sys::HtmlElement>().offset_height());
                    if h > 0.0 && (h - row_h.get_untracked()).abs() > 0.5 {
                        row_h.set(h);
                    }
                }
            });
        });
        Window {
            scroller,
            scroll_top,
            view_height,
            row_h,
            windowed,
            range,
        }
    }

    /// For the box's `on:scroll`.
    pub fn on_scroll(&self) {
        if let Some(el) = self.scroller.get_untracked() {
            self.scroll_top.set(f64::from(el.scroll_top()));
            self.view_height.set(f64::from(el.client_height()));
        }
    }

    /// Scroll so that row `at` is in the middle of the box.
    pub fn center(&self, at: usize) {
        if let Some(el) = self.scroller.get_untracked() {
            let top = (at as f64 * self.row_h.get_untracked()
                - f64::from(el.client_height()) / 2.0)
                .max(0.0);
            el.set_scroll_top(top as i32);
            self.scroll_top.set(top);
        }
    }

    /// The empty row standing for `rows` rows not drawn, spanning `cols` columns.
    pub fn spacer(&self, rows: usize, cols: u32) -> Option<impl IntoView> {
        let h = rows as f64 * self.row_h.get();
        (h > 0.0).then(|| {
            view! { <tr class="spacer" aria-hidden="true"><td colspan=cols style=format!("height:{h:.0}px")></td></tr> }
        })
    }
}
