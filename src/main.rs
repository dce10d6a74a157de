//! The `treaty` program: see `treaty --help`.

fn main() -> std::process::ExitCode {
    treaty::cli::main()
}
