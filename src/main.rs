//! The `kazterm` command line: parses arguments, calls the library, prints,
//! and maps the outcome to an exit code (0 ok, 1 findings, 2 usage or input
//! error). All the work is in the library's `commands` module.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use kazterm::commands::{
    anki, check, extract, glossary, kwic, lemma, merge, normalize, run as run_cmd, stats, tokenize,
};
use kazterm::input;
use kazterm::Error;

/// Kazakh terminology toolkit: normalize noisy Kazakh text, tokenize and
/// lemmatize it, extract its terms, align and check them against a
/// glossary, and export them (Anki decks, TBX, CSV/TSV/JSONL).
///
/// Inputs are files or folders (folders are searched for *.txt files); `-` or
/// no path reads standard input. Results go to standard output, messages to
/// standard error. Exit codes: 0 success, 1 findings, 2 usage or input error.
#[derive(Parser, Debug)]
#[command(name = "kazterm", version, about, long_about)]
#[command(
    after_help = "Examples:\n  kazterm normalize corpus/\n  kazterm tokenize --format jsonl corpus/endocrine_glands.kk.txt"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How the commands that read texts find them: the options every such
/// command has (and no other).
#[derive(clap::Args, Debug, Clone, Default)]
struct InputArgs {
    /// In folders, read the files whose path (relative to the folder)
    /// matches this glob instead of *.txt and *.txt.gz.
    #[arg(long, value_name = "PATTERN")]
    glob: Option<String>,
    /// The name standard input goes by in positions and messages (default:
    /// the file a Hadoop streaming mapper reads, from the job's
    /// mapreduce_map_input_file, else `-`).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

impl InputArgs {
    /// The inputs these paths name.
    fn expand(&self, paths: &[PathBuf]) -> kazterm::Result<Vec<input::Input>> {
        let inputs = input::expand_matching(paths, self.glob.as_deref())?;
        Ok(input::name_stdin(inputs, self.name.as_deref()))
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The whole pipeline in one go: extract, align, check and export, from
    /// the shipped corpus/ and glossary/endocrine.csv unless told otherwise.
    /// Writes terms.tsv, alignment.csv, check.txt, check.json,
    /// suggested_glossary.csv, deck.apkg, deck.txt and glossary.tbx.
    #[command(
        after_help = "Examples:\n  kazterm run\n  kazterm run --glossary my.csv --out results/ texts/"
    )]
    Run {
        /// In folders, read the files whose path (relative to the folder)
        /// matches this glob instead of *.txt and *.txt.gz.
        #[arg(long, value_name = "PATTERN")]
        glob: Option<String>,
        /// Files or folders to read (default: corpus/).
        paths: Vec<PathBuf>,
        /// The glossary CSV.
        #[arg(long, value_name = "FILE", default_value = "glossary/endocrine.csv")]
        glossary: PathBuf,
        /// The output folder.
        #[arg(long, value_name = "DIR", default_value = "out")]
        out: PathBuf,
        /// Stop at a file that is not text, instead of skipping it.
        #[arg(long)]
        strict: bool,
    },
    /// Repair noisy Kazakh text: NFC, look-alike letters, stand-ins for the
    /// Kazakh letters, dashes, quotes, spaces, invisible characters.
    ///
    /// The repaired text goes to standard output; `--report` lists every change
    /// as a JSON line (file, byte offset, line, column, before, after, rule).
    /// Meaning is never changed: spelling mistakes are left for the checker.
    #[command(
        after_help = "Examples:\n  kazterm normalize corpus/ > clean.txt\n  kazterm normalize --report changes.jsonl corpus/endocrine_glands.kk.txt\n  kazterm normalize --to latin corpus/"
    )]
    Normalize {
        #[command(flatten)]
        input: InputArgs,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// Write the output in this script (the 2021 Latin alphabet, or back to Cyrillic).
        #[arg(long, value_enum)]
        to: Option<ToScript>,
        /// Write one JSON line per change to FILE (never over an input).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// Split text into tokens with byte offsets, line, column, sentence,
    /// kind (word, number, unit, punct, symbol) and script.
    #[command(
        after_help = "Examples:\n  kazterm tokenize corpus/\n  echo 'Салмағы 0,5-0,65г-ға жетеді.' | kazterm tokenize --format jsonl"
    )]
    Tokenize {
        #[command(flatten)]
        input: InputArgs,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TokenFormat::Tsv)]
        format: TokenFormat,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// Lemmatize Kazakh words: one row per word token, in input order, with
    /// its lemma and analysis (e.g. бездерінің → без, без+PL+POSS3+GEN).
    ///
    /// With --eval FILE.conllu it measures lemma accuracy against a treebank's
    /// gold lemmas instead, per part of speech, and lists the commonest errors.
    #[command(
        after_help = "Examples:\n  echo 'бездерінің гормондары' | kazterm lemma\n  kazterm lemma --all --format jsonl corpus/\n  kazterm lemma --eval ../shared/data/ud_kazakh_ktb/kk_ktb-ud-dev.conllu\n  kazterm lemma --eval ../shared/data/ud_kazakh_ktb/kk_ktb-ud-train.conllu --folds 5"
    )]
    Lemma {
        #[command(flatten)]
        input: InputArgs,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TokenFormat::Tsv)]
        format: TokenFormat,
        /// Print every ranked reading of each word, not only the best.
        #[arg(long)]
        all: bool,
        /// Evaluate on a CoNLL-U file with gold lemmas instead.
        #[arg(long, value_name = "FILE.conllu", conflicts_with_all = ["paths", "all"])]
        eval: Option<PathBuf>,
        /// How many of the commonest errors --eval lists.
        #[arg(long, default_value_t = 30, requires = "eval")]
        errors: usize,
        /// With --eval: K-fold cross-validation. The file's sentences are cut
        /// into K folds, each scored with a lexicon that holds the gold
        /// lemmas of the other folds (and not the shipped treebank stems), so
        /// no word is scored with its own gold lemma known (2 to 1000).
        #[arg(long, value_name = "K", requires = "eval", value_parser = clap::value_parser!(u16).range(2..=1000))]
        folds: Option<u16>,
        /// Analyse with the hand-written lexicon only, without the stems
        /// attested in raw text and the treebank's (what
        /// scripts/attested_stems.py needs to find new stems).
        #[arg(long)]
        hand_lexicon: bool,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// Extract the terms of Kazakh texts: Latin and Greek etymons quoted in
    /// brackets, Greek- and Latin-rooted words with their morphemes, gland,
    /// hormone and disease names. One row per lemma with its category,
    /// origin, every surface form, count and where it was first seen.
    #[command(
        after_help = "Examples:\n  kazterm extract corpus/\n  kazterm extract --format tsv --contexts 2 corpus/ > terms.tsv\n  kazterm extract --eval ../shared/gold/seed_terms.tsv corpus/\n  kazterm extract --eval GOLD_DIR/ TEXTS_DIR/\n\nA rules file adds terms and morphemes, one per line:\n  term<TAB>қалқанша без<TAB>gland\n  morpheme<TAB>тирео<TAB>root<TAB>grc<TAB>thyreos<TAB>shield"
    )]
    Extract {
        #[command(flatten)]
        input: InputArgs,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TermFormat::Table)]
        format: TermFormat,
        /// Add up to N example sentences per term.
        #[arg(long, value_name = "N", default_value_t = 0)]
        contexts: usize,
        /// A rules file with extra terms and morphemes (see below).
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// Add up to N multi-word candidates no rule names, ranked by C-value.
        #[arg(long, value_name = "N", default_value_t = 0)]
        candidates: usize,
        /// Score the terms against gold TSVs (surface, lemma, category, …,
        /// note) and print recall over the Greek- and Latin-rooted rows,
        /// recall, precision, misses and false alarms instead. Repeat it or
        /// give a folder: several gold files are each scored against the
        /// input of the same name (gold/01_heart.tsv with texts/01_heart.txt).
        #[arg(long, value_name = "GOLD.tsv|DIR")]
        eval: Vec<PathBuf>,
        /// Worker threads (default: one per core; at most 256); the result is the same
        /// whatever the number.
        #[arg(long, value_name = "N", default_value_t = 0)]
        jobs: usize,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// Work with a Kazakh–Latin–Greek–English glossary CSV: validate it,
    /// export it (TBX-Basic 2019, TBX v2, CSV, TSV, OmegaT), import TBX.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Align the terms of texts with a glossary: every extracted term next
    /// to its concept and how it matched (exact, lemma, variant,
    /// abbreviation, deprecated, folded, etymon, fuzzy, unmatched).
    #[command(
        after_help = "Examples:\n  kazterm align --glossary glossary/endocrine.csv corpus/\n  kazterm align --glossary glossary/endocrine.csv --suggest new_rows.csv corpus/"
    )]
    Align {
        #[command(flatten)]
        input: InputArgs,
        /// The glossary CSV.
        #[arg(long, value_name = "FILE")]
        glossary: PathBuf,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AlignFormatArg::Tsv)]
        format: AlignFormatArg,
        /// Write proposed glossary rows for unmatched terms to this new CSV
        /// (never into the glossary itself).
        #[arg(long, value_name = "OUT.csv")]
        suggest: Option<PathBuf>,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// Check the terminology of Kazakh texts (or of Kazakh translations of
    /// English texts, with --source en --target kk) against a glossary, in
    /// any inflected form. Exit 0 when clean, 1 with findings, 2 on error.
    #[command(
        after_help = "Examples:\n  kazterm check --glossary glossary/endocrine.csv corpus/\n  kazterm check --glossary glossary/endocrine.csv --format json corpus/\n  kazterm check --glossary glossary/endocrine.csv examples/leaflet.en-kk.xlf\n  kazterm check --glossary glossary/endocrine.csv --source en --target kk examples/leaflet.en-kk.tsv\n  kazterm check --glossary g.csv --write-ignore dismissed.txt text.txt   # then --ignore dismissed.txt"
    )]
    Check {
        #[command(flatten)]
        input: InputArgs,
        /// The glossary CSV.
        #[arg(long, value_name = "FILE")]
        glossary: PathBuf,
        /// Kazakh texts, and bilingual files: XLIFF 1.2/2.0 and TMX (found by
        /// their content), two-column TSV (source, target) with --source/--target.
        paths: Vec<PathBuf>,
        /// Source language of bilingual files (en, or a regional tag such
        /// as en-US); default: what an XLIFF or TMX file declares. With
        /// --source/--target every input is read as bilingual.
        #[arg(long, value_name = "LANG", requires = "target")]
        source: Option<String>,
        /// Target language of bilingual files (kk, kk-KZ); default: what the
        /// file declares (TMX: its one language besides the source).
        #[arg(long, value_name = "LANG", requires = "source")]
        target: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormatArg::Text)]
        format: CheckFormatArg,
        /// Only these kinds make the exit code 1 (comma-separated: typo,
        /// split, deprecated, inconsistent, unknown, etymon, missing-term,
        /// number, untranslated).
        #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
        fail_on: Vec<String>,
        /// Skip the findings listed in this file (from --write-ignore).
        #[arg(long, value_name = "FILE")]
        ignore: Option<PathBuf>,
        /// Write the signatures of the current findings to this file.
        #[arg(long, value_name = "FILE")]
        write_ignore: Option<PathBuf>,
        /// What one document is, for consistency and for reporting an
        /// unknown term once: the whole file, or each line (for files of
        /// unrelated sentences or passages, one per line).
        #[arg(long, value_enum, default_value_t = ScopeArg::Document)]
        scope: ScopeArg,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
        /// Worker threads (default: one per core; at most 256); the findings are the same
        /// whatever the number.
        #[arg(long, value_name = "N", default_value_t = 0)]
        jobs: usize,
    },
    /// A keyword-in-context concordance of every inflected form of a lemma
    /// (or a multi-word term), aligned on the keyword, with file:line:col.
    #[command(
        after_help = "Examples:\n  kazterm kwic без corpus/\n  kazterm kwic 'өсу гормоны' --width 30 corpus/"
    )]
    Kwic {
        #[command(flatten)]
        input: InputArgs,
        /// The lemma (or the words of a term).
        lemma: String,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// Characters of context on each side (1 to 1000).
        #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=1000))]
        width: u16,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// What a corpus holds: tokens, word types, lemmas, scripts, the
    /// normalizer's repairs by rule, the commonest terms of each category.
    #[command(
        after_help = "Examples:\n  kazterm stats corpus/\n  kazterm stats --format json texts/"
    )]
    Stats {
        #[command(flatten)]
        input: InputArgs,
        /// Files or folders to read; `-` or none for standard input.
        paths: Vec<PathBuf>,
        /// text or json.
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// How many terms of each category.
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Replace invalid UTF-8 with U+FFFD and warn, instead of failing.
        #[arg(long)]
        lossy: bool,
    },
    /// Merge `kazterm extract --format jsonl` outputs of shards into what one
    /// run over all of them gives (a reducer for Hadoop Streaming or Spark).
    #[command(
        after_help = "Example:\n  kazterm extract --format jsonl part1/ > a.jsonl\n  kazterm extract --format jsonl part2/ > b.jsonl\n  kazterm merge a.jsonl b.jsonl > all.jsonl"
    )]
    Merge {
        /// The shard outputs, in path order.
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        /// Keep at most N contexts per term (default: as many as the shards have).
        #[arg(long, value_name = "N")]
        contexts: Option<usize>,
    },
    /// A local web page for checking texts and translations, seeing their
    /// terms, making Anki decks and searching the glossary, with the JSON API
    /// it uses (/api/check, /api/extract, /api/deck, /api/glossary,
    /// /api/health). Nothing is sent anywhere; Ctrl-C stops it.
    #[command(
        after_help = "Examples:\n  kazterm serve --open\n  kazterm serve --glossary my.csv --port 9000\n  curl -s localhost:8080/api/health"
    )]
    Serve {
        /// The glossary CSV.
        #[arg(long, value_name = "FILE", default_value = "glossary/endocrine.csv")]
        glossary: PathBuf,
        /// The address to listen on; anything but a loopback address makes
        /// the page reachable from other machines (a warning says so).
        #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port (0: any free one, printed at start).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Open the page in the default browser.
        #[arg(long)]
        open: bool,
        /// The largest upload accepted, in megabytes (1 to 1024).
        #[arg(long, value_name = "MB", default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=1024))]
        max_upload: u16,
    },
    /// Make an Anki deck from the glossary (and example sentences from a
    /// corpus): an .apkg package, or Anki's text-import file (.txt).
    #[command(
        after_help = "Examples:\n  kazterm anki --glossary glossary/endocrine.csv --corpus corpus/ --out endocrine.apkg\n  kazterm anki --glossary glossary/endocrine.csv --corpus corpus/ --only-found --cards kk-en,en-kk,cloze --out endocrine.apkg\n  kazterm anki --glossary glossary/endocrine.csv --out endocrine.txt\n  kazterm anki --glossary glossary/endocrine.csv --notetype kazterm --out endocrine.txt   # after importing the .apkg"
    )]
    Anki {
        #[command(flatten)]
        input: InputArgs,
        /// The glossary CSV.
        #[arg(long, value_name = "FILE")]
        glossary: PathBuf,
        /// Texts to take example sentences from.
        #[arg(long, value_name = "PATH", num_args = 1..)]
        corpus: Vec<PathBuf>,
        /// The top deck's name (sub-decks by category under it).
        #[arg(long, default_value = kazterm::anki::DEFAULT_DECK)]
        deck: String,
        /// Which cards (comma-separated: kk-en, en-kk, cloze).
        #[arg(long, value_delimiter = ',', default_value = "kk-en,en-kk")]
        cards: Vec<CardArg>,
        /// Only the concepts the corpus uses, in order of first appearance.
        #[arg(long, requires = "corpus")]
        only_found: bool,
        /// For a text file, the note type it names: Anki's built-in Basic
        /// (Front: Kazakh; Back: English, Latin, Greek, the example), which
        /// every collection has, or ours (import the .apkg once first).
        #[arg(long, value_enum, default_value_t = NotetypeArg::Basic)]
        notetype: NotetypeArg,
        /// The deck file: .apkg, or .txt for Anki's text import (any other
        /// extension is an error).
        #[arg(long, value_name = "OUT.apkg|OUT.txt")]
        out: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum CardArg {
    /// Kazakh → English/Latin.
    #[value(name = "kk-en")]
    KkEn,
    /// English → Kazakh.
    #[value(name = "en-kk")]
    EnKk,
    /// Cloze deletions of corpus sentences.
    Cloze,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum NotetypeArg {
    /// The `kazterm term` note type (import the .apkg once first).
    Kazterm,
    /// Anki's built-in Basic (Front/Back).
    Basic,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ScopeArg {
    /// Each file is one document.
    Document,
    /// Each line is one document.
    Line,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum CheckFormatArg {
    /// Compiler-style findings with the line and a caret.
    Text,
    /// One JSON object with findings and a summary.
    Json,
    /// One finding a row.
    Tsv,
    /// A self-contained HTML page with the findings highlighted.
    Html,
}

#[derive(Subcommand, Debug)]
enum GlossaryCommand {
    /// Report every problem of a glossary with its line and column; exit 1
    /// when there are problems, 2 when the file cannot be read.
    #[command(after_help = "Example:\n  kazterm glossary validate glossary/endocrine.csv")]
    Validate {
        /// The glossary CSV.
        file: PathBuf,
    },
    /// Export a glossary to standard output or --out FILE.
    #[command(
        after_help = "Examples:\n  kazterm glossary export --format tbx glossary/endocrine.csv > endocrine.tbx\n  kazterm glossary export --format omegat --out endocrine.utf8 glossary/endocrine.csv"
    )]
    Export {
        /// The format.
        #[arg(long, value_enum, default_value_t = ExportFormatArg::Tbx)]
        format: ExportFormatArg,
        /// Write here (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The glossary CSV.
        file: PathBuf,
    },
    /// Read a TBX file (2019 or v2) and write it as glossary CSV.
    #[command(after_help = "Example:\n  kazterm glossary import --out glossary.csv terms.tbx")]
    Import {
        /// Write here (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The TBX file.
        file: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ExportFormatArg {
    /// TBX-Basic, ISO 30042:2019.
    Tbx,
    /// TBX v2, ISO 30042:2008 (martif).
    Tbx2,
    /// The glossary CSV.
    Csv,
    /// The glossary as TSV.
    Tsv,
    /// OmegaT glossary (source, target, comment).
    Omegat,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum AlignFormatArg {
    /// Tab-separated values with a header.
    Tsv,
    /// Comma-separated values with a header.
    Csv,
    /// One JSON object per term.
    Jsonl,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum TermFormat {
    /// Aligned columns for reading.
    Table,
    /// Tab-separated values with a header.
    Tsv,
    /// Comma-separated values with a header.
    Csv,
    /// One JSON object per term.
    Jsonl,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ToScript {
    /// Kazakh Cyrillic (reads 2021 Latin input back).
    Cyrillic,
    /// The 2021 Kazakh Latin alphabet.
    Latin,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum TokenFormat {
    /// Tab-separated values with a header.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

/// mimalloc: the extraction allocates and frees many small objects on
/// every worker thread, where it is faster than the system allocator and,
/// without transparent huge pages (`no_thp`) and with the options
/// [`tune_allocator`] sets, keeps less memory resident (extract on 31 MB of
/// real text: 2.07 s, 63 MB → 1.76 s, 59 MB on one thread; 1.20 s, 70 MB →
/// 1.01 s, 66 MB on two).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, numbered as in the `mimalloc.h` the crate builds
/// (v3, the same in v2): arenas committed as they are used
/// (`arena_eager_commit` = 0, for the arenas made from now on), and freed
/// memory given back after 2 ms instead of 10 (`purge_delay`).
fn tune_allocator() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain store into mimalloc's option
    // table, allowed at any time.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 2);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let matches = Cli::command().get_matches();
    // Ctrl-C, SIGTERM or SIGHUP: the outputs being written are temporary
    // files; remove them before going (130: interrupted). The server stops
    // by itself, answering what is in flight.
    if matches.subcommand_name() != Some("serve") {
        let _ = ctrlc::set_handler(|| {
            kazterm::output::remove_temporary_files();
            std::process::exit(130);
        });
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // Whether the command has --lossy, for the hint on invalid UTF-8.
    let has_lossy = matches.subcommand_name().is_some_and(|name| {
        Cli::command()
            .find_subcommand(name)
            .is_some_and(|c| c.get_arguments().any(|a| a.get_id() == "lossy"))
    });
    match run(cli) {
        Ok(code) => code,
        Err(Error::Io { path, source })
            if path.as_os_str() == "-" && source.kind() == io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(err @ Error::InvalidUtf8 { .. }) if has_lossy => {
            eprintln!("kazterm: error: {err}; use --lossy to replace bad bytes");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("kazterm: error: {err}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> kazterm::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    match cli.command {
        Command::Normalize {
            input,
            paths,
            to,
            report,
            lossy,
        } => {
            let opts = normalize::Options {
                inputs: input.expand(&paths)?,
                to: to.map(|t| match t {
                    ToScript::Cyrillic => normalize::TargetScript::Cyrillic,
                    ToScript::Latin => normalize::TargetScript::Latin,
                }),
                report,
                lossy,
            };
            let summary = normalize::run(&opts, &mut out)?;
            for (file, count, first) in &summary.lossy_inputs {
                eprintln!("kazterm: warning: {file}: replaced {count} invalid UTF-8 sequence(s), the first at byte offset {first}");
            }
        }
        Command::Tokenize {
            input,
            paths,
            format,
            lossy,
        } => {
            let opts = tokenize::Options {
                inputs: input.expand(&paths)?,
                format: match format {
                    TokenFormat::Tsv => tokenize::Format::Tsv,
                    TokenFormat::Jsonl => tokenize::Format::Jsonl,
                },
                lossy,
            };
            tokenize::run(&opts, &mut out)?;
        }
        Command::Extract {
            input,
            paths,
            format,
            contexts,
            rules,
            candidates,
            eval,
            lossy,
            jobs,
            quiet,
        } => {
            let opts = extract::Options {
                inputs: input.expand(&paths)?,
                format: match format {
                    TermFormat::Table => extract::Format::Table,
                    TermFormat::Tsv => extract::Format::Tsv,
                    TermFormat::Csv => extract::Format::Csv,
                    TermFormat::Jsonl => extract::Format::Jsonl,
                },
                contexts,
                rules,
                candidates,
                lossy,
                jobs,
                progress: !quiet,
                word_cache: None,
            };
            if eval.is_empty() {
                let terms = extract::extract(&opts)?;
                extract::write(&terms, &opts, &mut out)?;
            } else {
                extract::evaluate(&opts, &eval, &mut out)?;
            }
        }
        Command::Glossary(GlossaryCommand::Validate { file }) => {
            let problems = glossary::validate(&file, &mut out)?;
            out.flush().map_err(|e| Error::io("-", e))?;
            if !problems.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Glossary(GlossaryCommand::Export {
            format,
            out: target,
            file,
        }) => {
            let format = match format {
                ExportFormatArg::Tbx => glossary::ExportFormat::Tbx,
                ExportFormatArg::Tbx2 => glossary::ExportFormat::Tbx2,
                ExportFormatArg::Csv => glossary::ExportFormat::Csv,
                ExportFormatArg::Tsv => glossary::ExportFormat::Tsv,
                ExportFormatArg::Omegat => glossary::ExportFormat::Omegat,
            };
            glossary::export(&file, format, target.as_deref(), &mut out)?;
        }
        Command::Glossary(GlossaryCommand::Import { out: target, file }) => {
            glossary::import(&file, target.as_deref(), &mut out)?;
        }
        Command::Align {
            input,
            glossary: glossary_path,
            paths,
            format,
            suggest,
            lossy,
        } => {
            let format = match format {
                AlignFormatArg::Tsv => glossary::AlignFormat::Tsv,
                AlignFormatArg::Csv => glossary::AlignFormat::Csv,
                AlignFormatArg::Jsonl => glossary::AlignFormat::Jsonl,
            };
            glossary::align(
                &glossary_path,
                &input.expand(&paths)?,
                format,
                suggest.as_ref(),
                lossy,
                &mut out,
            )?;
        }
        Command::Check {
            input,
            glossary: glossary_path,
            paths,
            source,
            target,
            format,
            fail_on,
            ignore,
            write_ignore,
            scope,
            lossy,
            jobs,
        } => {
            let mut kinds = Vec::new();
            for k in &fail_on {
                kinds.push(kazterm::check::Kind::parse(k).ok_or_else(|| {
                    Error::Usage(format!(
                        "--fail-on: {k:?} is no finding kind; the kinds are {}",
                        kazterm::check::Kind::ALL.map(|k| k.name()).join(", ")
                    ))
                })?);
            }
            let opts = check::Options {
                glossary: glossary_path,
                inputs: input.expand(&paths)?,
                languages: source.zip(target),
                format: match format {
                    CheckFormatArg::Text => check::Format::Text,
                    CheckFormatArg::Json => check::Format::Json,
                    CheckFormatArg::Tsv => check::Format::Tsv,
                    CheckFormatArg::Html => check::Format::Html,
                },
                fail_on: kinds,
                ignore,
                write_ignore,
                lossy,
                scope: match scope {
                    ScopeArg::Document => kazterm::check::Scope::Document,
                    ScopeArg::Line => kazterm::check::Scope::Line,
                },
                jobs,
            };
            let failing = check::run(&opts, &mut out)?;
            out.flush().map_err(|e| Error::io("-", e))?;
            if failing {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Kwic {
            input,
            lemma,
            paths,
            width,
            lossy,
        } => {
            kwic::run(
                &kwic::Options {
                    lemma,
                    width: usize::from(width),
                    inputs: input.expand(&paths)?,
                    lossy,
                },
                &mut out,
            )?;
        }
        Command::Stats {
            input,
            paths,
            format,
            top,
            lossy,
        } => {
            let s = stats::compute(&input.expand(&paths)?, lossy, top)?;
            stats::write(&s, format == "json", &mut out)?;
        }
        Command::Merge { shards, contexts } => {
            merge::run(&shards, contexts, &mut out)?;
        }
        Command::Run {
            glob,
            paths,
            glossary: glossary_path,
            out: out_dir,
            strict,
        } => {
            let paths = if paths.is_empty() {
                vec![PathBuf::from("corpus")]
            } else {
                paths
            };
            let summary = run_cmd::run(&run_cmd::Options {
                glossary: glossary_path,
                out: out_dir,
                paths,
                strict,
                glob: glob.clone(),
            })?;
            out.write_all(run_cmd::describe(&summary).as_bytes())
                .map_err(|e| Error::io("-", e))?;
        }
        Command::Serve {
            glossary,
            bind,
            port,
            open,
            max_upload,
        } => {
            if !bind.is_loopback() {
                eprintln!(
                    "kazterm: warning: listening on {bind}: anyone who can reach this machine can use the page"
                );
            }
            kazterm::commands::serve::run(
                &kazterm::commands::serve::Options {
                    glossary,
                    bind,
                    port,
                    open,
                    max_upload: usize::from(max_upload) << 20,
                },
                &mut |address| {
                    println!("kazterm serve: http://{address}/ (Ctrl-C stops)");
                    let _ = io::stdout().flush();
                },
            )?;
        }
        Command::Anki {
            input,
            glossary: glossary_path,
            corpus,
            deck,
            cards,
            only_found,
            notetype,
            out: out_path,
        } => {
            let opts = anki::Options {
                glossary: glossary_path,
                corpus: if corpus.is_empty() {
                    Vec::new()
                } else {
                    input.expand(&corpus)?
                },
                deck,
                cards: cards
                    .iter()
                    .map(|c| match c {
                        CardArg::KkEn => kazterm::anki::Cards::KkEn,
                        CardArg::EnKk => kazterm::anki::Cards::EnKk,
                        CardArg::Cloze => kazterm::anki::Cards::Cloze,
                    })
                    .collect(),
                only_found,
                notetype: match notetype {
                    NotetypeArg::Kazterm => kazterm::anki::text::TextNotetype::Kazterm,
                    NotetypeArg::Basic => kazterm::anki::text::TextNotetype::Basic,
                },
                out: out_path.clone(),
            };
            let n = anki::run(&opts)?;
            eprintln!("kazterm: wrote {} notes to {}", n, out_path.display());
        }
        Command::Lemma {
            input,
            paths,
            format,
            all,
            eval,
            errors,
            folds,
            hand_lexicon,
            lossy,
        } => match eval {
            Some(path) => {
                lemma::run_eval(&path, errors, folds.map(usize::from), &mut out)?;
            }
            None => {
                let opts = lemma::Options {
                    inputs: input.expand(&paths)?,
                    format: match format {
                        TokenFormat::Tsv => lemma::Format::Tsv,
                        TokenFormat::Jsonl => lemma::Format::Jsonl,
                    },
                    all,
                    lossy,
                    hand_lexicon,
                };
                lemma::run(&opts, &mut out)?;
            }
        },
    }
    out.flush().map_err(|e| Error::io("-", e))?;
    Ok(ExitCode::SUCCESS)
}
