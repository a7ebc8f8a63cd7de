#!/usr/bin/env python3
"""Regenerates expected/*.txt: renders every case of cases.json with Python's Jinja2 configured the way
Hugging Face transformers renders chat templates (trim_blocks, lstrip_blocks, loopcontrols, a tojson that
keeps non-ASCII and key order, raise_exception, strftime_now). Run from this folder: python3 render_expected.py
"""
import json
import os
import time

import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXED_CLOCK = 1721952000  # 2024-07-26T00:00:00Z, the clock the Java test injects


class TemplateError(Exception):
    pass


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(fmt):
    return time.strftime(fmt, time.gmtime(FIXED_CLOCK))


def main():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    with open("cases.json", encoding="utf-8") as f:
        cases = json.load(f)
    os.makedirs("expected", exist_ok=True)
    for case in cases:
        with open(case["template"], encoding="utf-8") as f:
            template = env.from_string(f.read())
        variables = dict(case.get("extra", {}))
        variables["messages"] = case["messages"]
        variables["tools"] = case.get("tools")
        variables["add_generation_prompt"] = case["add_generation_prompt"]
        try:
            out = template.render(**variables)
        except TemplateError as e:
            out = "raise_exception: " + str(e)
        except Exception:  # Jinja2 itself failed, e.g. iterating over None
            out = "error"
        with open(os.path.join("expected", case["name"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(out)
    # snippets.json: small templates exercising one interpreter feature each; results go to one JSON map
    with open("snippets.json", encoding="utf-8") as f:
        snippets = json.load(f)
    results = {}
    for name, snippet in snippets.items():
        try:
            results[name] = env.from_string(snippet["source"]).render(**snippet.get("vars", {}))
        except TemplateError as e:
            results[name] = "raise_exception: " + str(e)
        except Exception:
            results[name] = "error"
    with open(os.path.join("expected", "snippets.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
