"""How the Python test scripts end: each collects its problems as readable lines, then exits."""
import traceback


def exit_status(failures, ok_message=None, shown=None):
    """0 when `failures` is empty (printing `ok_message` if given); otherwise prints the first
    `shown` of them (all by default) under FAIL and returns 1, the script's exit status."""
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures[:shown]))
        return 1
    if ok_message:
        print(ok_message)
    return 0


def run_test_functions(namespace, what):
    """Runs every test_* function in `namespace` (a module's globals()), reporting each as ok or
    FAIL with its traceback (every failing test, not just the first); returns the exit status."""
    tests = [(name, fn) for name, fn in namespace.items() if name.startswith("test_")]
    failures = 0
    for name, fn in tests:
        try:
            fn()
            print("ok   %s" % name)
        except Exception:
            failures += 1
            print("FAIL %s\n%s" % (name, traceback.format_exc()))
    print("%d/%d %s passed" % (len(tests) - failures, len(tests), what))
    return 1 if failures else 0
