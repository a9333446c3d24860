"""The Python 2 → 3 rules: one row per fix family, with the fissix fixers that implement it.

Each row carries what `tfmigrate rules` / `tfmigrate explain` and docs/rules.md print (id, name, severity,
summary, doc, a before/after example), so the lead can append `RULES` to the rule catalog as it is.
A row's `fixers` are fissix fixer modules (`fix_print` is `fissix.fixes.fix_print`); rows with no fixer
are tfmigrate's own analyses (integer division, tabs) or file-level outcomes.

Which fissix fixers run, and why: every fixer of 2to3's default set that makes Python 2 code run on
Python 3 with the meaning it had under Python 2. Left out on purpose:

- `fix_future` (drops `from __future__ import ...`): those lines are valid Python 3; keeping them keeps bytes.
- `fix_idioms`, `fix_set_literal`, `fix_ws_comma`: style only (2to3 runs them only on request).
- `fix_buffer`: `buffer` → `memoryview` changes the semantics (2to3 runs it only on request, too).
- `fix_sorted` (a fissix addition): it turns every positional argument of any `.sort(...)` call into
  `cmp=`/`key=` keywords, which breaks NumPy's `array.sort(axis)`; `cmp=` arguments are rare in TF code.
"""

from __future__ import annotations

from dataclasses import dataclass

from tfmigrate.findings import Severity


@dataclass(frozen=True)
class Python2Rule:
    """One Python 2 fix family. Field names match `EngineRule`, so catalog code can render either."""

    rule_id: str
    name: str
    severity: Severity
    fixers: tuple[str, ...]
    """fissix fixer modules (`fix_print`); empty for tfmigrate's own analyses."""
    summary: str
    """One line; also the message of each finding."""
    doc: str
    before: str
    after: str


NOT_CONVERTED = "TFM3000"
PRINT = "TFM3001"
OCTAL = "TFM3009"
UNICODE = "TFM3012"
LONG = "TFM3013"
UR_STRING = "TFM3015"
DIVISION_CHANGED = "TFM3101"
DIVISION_WARNED = "TFM3102"
TABS = "TFM3199"

RULES: tuple[Python2Rule, ...] = (
    Python2Rule(
        NOT_CONVERTED,
        "python2-not-converted",
        Severity.ERROR,
        (),
        "This Python 2 file could not be made into valid Python 3; it was copied unchanged.",
        "The file parses as Python 2 and its Python 2 constructs were converted, but the result still does "
        "not compile under Python 3 (for example a name that is a keyword in Python 3, such as `async`). "
        "The message gives Python's error and its line; fix that by hand and run again.",
        "async = True",
        "async = True  # unchanged: rename it by hand",
    ),
    Python2Rule(
        PRINT,
        "print-statement",
        Severity.INFO,
        ("fix_print",),
        "The Python 2 print statement is now a call of the print() function.",
        "`print x, y` → `print(x, y)`; a trailing comma becomes `end=' '`, `print >>f, x` becomes "
        "`print(x, file=f)`. `print (a, b)` printed a tuple in Python 2 and still does: "
        "`print((a, b))`. Files with `from __future__ import print_function` are left alone.",
        'print "Accuracy:", acc',
        'print("Accuracy:", acc)',
    ),
    Python2Rule(
        "TFM3002",
        "xrange",
        Severity.INFO,
        ("fix_xrange",),
        "xrange() is now range(); a range() whose list is used as a list is wrapped in list().",
        "Python 3's range is lazy like Python 2's xrange. `range(n)` outside a loop or a consuming call "
        "returned a list in Python 2 and becomes `list(range(n))`, so indexing and appending still work.",
        "for i in xrange(n): pass",
        "for i in range(n): pass",
    ),
    Python2Rule(
        "TFM3003",
        "dict-methods",
        Severity.INFO,
        ("fix_dict",),
        "dict.iteritems()/iterkeys()/itervalues()/view*() are now items()/keys()/values().",
        "`d.keys()`, `d.items()` and `d.values()` returned lists in Python 2: where the result is used as a "
        "list (not just iterated) they are wrapped in list().",
        "for k, v in d.iteritems(): pass",
        "for k, v in d.items(): pass",
    ),
    Python2Rule(
        "TFM3004",
        "has-key",
        Severity.INFO,
        ("fix_has_key",),
        "dict.has_key(k) is now `k in dict`.",
        "The method is gone in Python 3; the `in` operator means the same.",
        "if d.has_key(k): pass",
        "if k in d: pass",
    ),
    Python2Rule(
        "TFM3005",
        "except-comma",
        Severity.INFO,
        ("fix_except",),
        "`except X, e:` is now `except X as e:`.",
        "The comma form is a syntax error in Python 3. A tuple target (`except X, (a, b):`) is unpacked "
        "from the exception's args inside the handler.",
        "except IOError, e: pass",
        "except IOError as e: pass",
    ),
    Python2Rule(
        "TFM3006",
        "raw-input",
        Severity.INFO,
        ("fix_raw_input",),
        "raw_input() is now input().",
        "Python 3's input() returns the typed line as a string, as raw_input() did.",
        "name = raw_input('name? ')",
        "name = input('name? ')",
    ),
    Python2Rule(
        "TFM3007",
        "input-eval",
        Severity.WARNING,
        ("fix_input",),
        "Python 2's input() evaluated what was typed: it is now eval(input()); check that this is wanted.",
        "The conversion keeps the meaning (a number typed gives a number), but eval() of user input is "
        "rarely what the code needs: `int(input())` or `float(input())` is usually the intent.",
        "n = input('steps? ')",
        "n = eval(input('steps? '))",
    ),
    Python2Rule(
        "TFM3008",
        "backticks",
        Severity.INFO,
        ("fix_repr",),
        "Backticks `x` are now repr(x).",
        "Backquotes were a shorthand for repr() and are a syntax error in Python 3.",
        "s = 'step ' + `i`",
        "s = 'step ' + repr(i)",
    ),
    Python2Rule(
        OCTAL,
        "octal-literal",
        Severity.INFO,
        ("fix_numliterals",),
        "The octal literal 0777 is now written 0o777.",
        "A leading zero is a syntax error in Python 3; `0o` keeps the value.",
        "os.chmod(path, 0755)",
        "os.chmod(path, 0o755)",
    ),
    Python2Rule(
        "TFM3010",
        "not-equal-diamond",
        Severity.INFO,
        ("fix_ne",),
        "`<>` is now `!=`.",
        "The diamond operator is a syntax error in Python 3.",
        "if a <> b: pass",
        "if a != b: pass",
    ),
    Python2Rule(
        "TFM3011",
        "implicit-relative-import",
        Severity.INFO,
        ("fix_import",),
        "An implicit relative import of a sibling module is now explicit: `from . import x`.",
        "Only inside a package (a directory with `__init__.py`) and only when the sibling module exists "
        "next to the file; a script's `import helper` (found through sys.path) is an absolute import and "
        "is left alone. Needs the file's path; files with `from __future__ import absolute_import` are "
        "left alone.",
        "import input_data",
        "from . import input_data",
    ),
    Python2Rule(
        UNICODE,
        "unicode-basestring",
        Severity.INFO,
        ("fix_unicode", "fix_basestring"),
        "unicode/basestring are now str, unichr is chr, and the u'' prefix is dropped.",
        "Python 3's str is Python 2's unicode. In a Python 2 byte string `'\\u'` was no escape, so it is "
        "written `'\\\\u'` to keep the same characters.",
        "if isinstance(s, basestring): s = unicode(s)",
        "if isinstance(s, str): s = str(s)",
    ),
    Python2Rule(
        LONG,
        "long",
        Severity.INFO,
        ("fix_long", "fix_numliterals", "fix_isinstance"),
        "long is now int, and the L suffix of integer literals is dropped.",
        "Python 3's int is unbounded like Python 2's long. `isinstance(x, (int, long))` becomes "
        "`isinstance(x, int)`.",
        "big = 10L; n = long(s)",
        "big = 10; n = int(s)",
    ),
    Python2Rule(
        "TFM3014",
        "exec-statement",
        Severity.INFO,
        ("fix_exec", "fix_execfile"),
        "The exec statement and execfile() are now calls of the exec() function.",
        "`exec code in ns` → `exec(code, ns)`; `execfile(f)` → `exec(compile(open(f, 'rb').read(), f, "
        "'exec'))`. An exec without a namespace inside a function can no longer create local variables.",
        "exec code in namespace",
        "exec(code, namespace)",
    ),
    Python2Rule(
        UR_STRING,
        "ur-string",
        Severity.INFO,
        ("fix_unicode",),
        "The ur'' prefix is gone in Python 3: the literal is rewritten with the same characters.",
        "In Python 2 `ur'...'` kept backslashes except in `\\uXXXX` escapes. Without such an escape the "
        "literal becomes `r'...'`; with one it becomes a plain literal with the other backslashes doubled, "
        "so that the string holds exactly the characters Python 2 gave it (fissix alone would turn "
        "`\\u00e9` into six characters).",
        "pattern = ur'\\u00e9\\d+'",
        "pattern = '\\u00e9\\\\d+'",
    ),
    Python2Rule(
        "TFM3016",
        "next-method",
        Severity.INFO,
        ("fix_next",),
        "it.next() is now next(it), and a class's next() method is now __next__().",
        "Iterators use `__next__` in Python 3. Note that 2to3 also renames a plain attribute called `next` "
        "(`node.next`) to `__next__`: review such uses.",
        "batch = batches.next()",
        "batch = next(batches)",
    ),
    Python2Rule(
        "TFM3017",
        "raise-comma",
        Severity.INFO,
        ("fix_raise", "fix_throw"),
        "`raise E, V` is now `raise E(V)` (and gen.throw(E, V) is gen.throw(E(V))).",
        "The comma form is a syntax error in Python 3; a traceback argument becomes `.with_traceback(tb)`. "
        "String exceptions (`raise 'oops'`) cannot be converted and are reported.",
        "raise ValueError, 'bad shape'",
        "raise ValueError('bad shape')",
    ),
    Python2Rule(
        "TFM3018",
        "tuple-parameters",
        Severity.INFO,
        ("fix_tuple_params",),
        "Tuple parameters `def f((a, b)):` are unpacked in the body instead.",
        "Tuple parameters are a syntax error in Python 3 (PEP 3113): the function takes one parameter and "
        "unpacks it on its first line; a lambda indexes it.",
        "def f((a, b)): return a + b",
        "def f(xxx_todo_changeme): (a, b) = xxx_todo_changeme; return a + b",
    ),
    Python2Rule(
        "TFM3019",
        "map-filter-zip-lists",
        Severity.INFO,
        ("fix_map", "fix_filter", "fix_zip"),
        "map()/filter()/zip() returned lists in Python 2: where a list is needed they are wrapped in list().",
        "Python 3 returns iterators; calls that are only iterated once (a for loop, a consuming call) are "
        "left alone.",
        "pairs = zip(xs, ys)",
        "pairs = list(zip(xs, ys))",
    ),
    Python2Rule(
        "TFM3020",
        "itertools-i-functions",
        Severity.INFO,
        ("fix_itertools", "fix_itertools_imports"),
        "itertools.izip/imap/ifilter are now the builtins zip/map/filter (ifilterfalse is filterfalse).",
        "They are gone from itertools in Python 3; the builtins are lazy like them.",
        "from itertools import izip",
        "(the import is removed; izip(a, b) becomes zip(a, b))",
    ),
    Python2Rule(
        "TFM3021",
        "renamed-stdlib-modules",
        Severity.INFO,
        ("fix_imports", "fix_imports2", "fix_urllib"),
        "A standard library module was renamed in Python 3 (cPickle → pickle, urllib2 → urllib.request...).",
        "The import and every use of the module name are changed, for the modules 2to3 knows "
        "(cPickle, cStringIO, StringIO, Queue, ConfigParser, urllib, urllib2, urlparse, httplib, "
        "Tkinter...).",
        "import cPickle",
        "import pickle",
    ),
    Python2Rule(
        "TFM3022",
        "removed-builtins",
        Severity.INFO,
        ("fix_apply", "fix_intern", "fix_reduce", "fix_reload", "fix_getcwdu", "fix_standarderror"),
        "A builtin removed in Python 3 is replaced (apply, intern, reduce, reload, getcwdu, StandardError).",
        "`apply(f, args)` → `f(*args)`, `reduce` → `functools.reduce` (imported), `reload` → "
        "`importlib.reload`, `intern` → `sys.intern`, `os.getcwdu()` → `os.getcwd()`, `StandardError` → "
        "`Exception`.",
        "total = reduce(add, sizes)",
        "from functools import reduce\ntotal = reduce(add, sizes)",
    ),
    Python2Rule(
        "TFM3023",
        "renamed-stdlib-attributes",
        Severity.INFO,
        ("fix_renames", "fix_sys_exc", "fix_exitfunc", "fix_operator", "fix_xreadlines"),
        "A standard library attribute was renamed or removed (sys.maxint, sys.exc_type, sys.exitfunc, "
        "operator.isCallable, f.xreadlines()...).",
        "`sys.maxint` → `sys.maxsize`, `sys.exc_type` → `sys.exc_info()[0]`, `sys.exitfunc = f` → "
        "`atexit.register(f)`, `operator.isCallable(x)` → `callable(x)`, `for line in f.xreadlines()` → "
        "`for line in f`.",
        "limit = sys.maxint",
        "limit = sys.maxsize",
    ),
    Python2Rule(
        "TFM3024",
        "renamed-special-names",
        Severity.INFO,
        ("fix_funcattrs", "fix_methodattrs", "fix_nonzero"),
        "Function/method attributes and __nonzero__ use their Python 3 names (f.func_name → f.__name__...).",
        "`f.func_name/func_defaults/func_code...` → `f.__name__/__defaults__/__code__`, `m.im_func/im_self` "
        "→ `m.__func__/__self__`, `__nonzero__` → `__bool__`.",
        "name = fn.func_name",
        "name = fn.__name__",
    ),
    Python2Rule(
        "TFM3025",
        "metaclass-attribute",
        Severity.INFO,
        ("fix_metaclass",),
        "`__metaclass__ = M` in a class body is now `class C(metaclass=M)`.",
        "Python 3 ignores a `__metaclass__` attribute; the keyword keeps the class built by M.",
        "class Layer(object):\n    __metaclass__ = ABCMeta",
        "class Layer(object, metaclass=ABCMeta):\n    pass",
    ),
    Python2Rule(
        "TFM3026",
        "unittest-assert-aliases",
        Severity.INFO,
        ("fix_asserts",),
        "Deprecated unittest aliases (assertEquals, failUnless...) use their current names.",
        "The aliases were removed in Python 3.12.",
        "self.assertEquals(a, b)",
        "self.assertEqual(a, b)",
    ),
    Python2Rule(
        "TFM3027",
        "comprehension-bare-tuple",
        Severity.INFO,
        ("fix_paren",),
        "`[x for x in 1, 2]` needs parentheses around the tuple in Python 3.",
        "A bare tuple after `in` in a list comprehension is a syntax error in Python 3.",
        "squares = [x * x for x in 1, 2, 3]",
        "squares = [x * x for x in (1, 2, 3)]",
    ),
    Python2Rule(
        "TFM3028",
        "types-module-names",
        Severity.WARNING,
        ("fix_types",),
        "types.StringType and friends are gone: replaced by the builtin types; StringType becomes bytes.",
        "`types.IntType` → `int`, `types.ListType` → `list`... `types.StringType` becomes `bytes` "
        "(Python 2's str was bytes): if the code meant text, write `str`.",
        "if type(x) == types.IntType: pass",
        "if type(x) == int: pass",
    ),
    Python2Rule(
        DIVISION_CHANGED,
        "integer-division",
        Severity.INFO,
        (),
        "Python 2 floor-divided these two ints: `/` is now `//`, which gives the same result in Python 3.",
        "Both operands are provably int: int literals, names bound only to int values in their scope "
        "(e.g. `decay_speed = 2000`), loop variables of range()/xrange()/enumerate(), len(), int(), "
        "and + - * // % of such values. `-i/decay_speed` was `(-i)/decay_speed` in Python 2, the floor of "
        "a negative number; `-i//decay_speed` is the same value. Files with "
        "`from __future__ import division` are left alone.",
        "lr = math.exp(-i/decay_speed)  # decay_speed = 2000, i from range()",
        "lr = math.exp(-i//decay_speed)",
    ),
    Python2Rule(
        DIVISION_WARNED,
        "possible-integer-division",
        Severity.WARNING,
        (),
        "Both operands of `/` may be ints: Python 2 floored the result, Python 3 does not. Check it.",
        "tfmigrate cannot prove the types of these operands (a parameter, an attribute, a call's result, "
        "a tensor). If both are ints (int tensors too), write `//` to keep Python 2's result; if one is a "
        "float, nothing is to do. No warning is given when one side is provably a float: a float literal, "
        "float(...), a name bound only to floats, or a TensorFlow tensor made float32 by its factory "
        "(`tf.ones(shape)`, `tf.zeros`, `tf.truncated_normal`, `tf.random_normal`, `tf.random_uniform` "
        "without a dtype, or any of these and `tf.placeholder`/`tf.cast`/`tf.constant` with a tf.float* "
        "dtype), as in the book's `tf.ones([L])/10`.",
        "batch_count = int(mnist.train.num_examples/batch_size)",
        "batch_count = int(mnist.train.num_examples/batch_size)  # reviewed",
    ),
    Python2Rule(
        TABS,
        "python2-tabs",
        Severity.INFO,
        (),
        "Tabs and spaces were mixed in the indentation (a TabError in Python 3): tabs expanded to 8 columns.",
        "Python 2 advanced a tab to the next multiple of 8 columns. Only a Python 2 file is normalised, only "
        "the indentation of logical lines changes (never a string or a continuation line), and the block "
        "structure is checked to be the one Python 2 read. A file that uses Python 3 syntax and mixes tabs "
        "is reported as an error (same rule id) and copied unchanged: Python 3 never ran it.",
        "if ok:\n        x = 1\n\ty = 2",
        "if ok:\n        x = 1\n        y = 2",
    ),
)

RULE_BY_ID: dict[str, Python2Rule] = {rule.rule_id: rule for rule in RULES}

# Rows claim fixers in order; a fixer that serves two rows (fix_numliterals, fix_unicode) belongs to the
# first here and is split per occurrence by `tfmigrate.python2.fixers`.
RULE_ID_BY_FIXER: dict[str, str] = {}
for _rule in RULES:
    for _fixer in _rule.fixers:
        RULE_ID_BY_FIXER.setdefault(_fixer, _rule.rule_id)

FIXER_NAMES: tuple[str, ...] = tuple(RULE_ID_BY_FIXER)
"""Every fissix fixer that runs, in table order."""


def markdown_table() -> str:
    """The rows as a docs/rules.md section (the lead may use it or render the rows himself)."""
    out = [
        "## Python 2 → 3 (files that parse only as Python 2)",
        "",
        "| id | name | severity | fissix fixers | what it means |",
        "|---|---|---|---|---|",
    ]
    for rule in RULES:
        fixers = ", ".join(f"`{name}`" for name in rule.fixers) or "tfmigrate"
        summary = rule.summary.replace("|", "\\|")
        out.append(f"| {rule.rule_id} | {rule.name} | {rule.severity.value} | {fixers} | {summary} |")
    return "\n".join(out) + "\n"
