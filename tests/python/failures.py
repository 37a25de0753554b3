"""How the Python test scripts end: each collects its problems as readable lines, then exits."""


def exit_status(failures, ok_message=None, shown=None):
    """0 when `failures` is empty (printing `ok_message` if given); otherwise prints the first
    `shown` of them (all by default) under FAIL and returns 1, the script's exit status."""
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures[:shown]))
        return 1
    if ok_message:
        print(ok_message)
    return 0
