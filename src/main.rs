//! The browser entry point: install the panic hook and mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(verksam::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("verksam runs in the browser: see README.md (scripts/serve.sh).");
}
