//! Browser entry point: installs the panic hook and mounts the app.

fn main() {
    console_error_panic_hook::set_once();
    tongji_app::store::open_early();
    leptos::mount::mount_to_body(tongji_app::App);
}
