package dev.hearth.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from the call and the snapshot's facts about its target, whether an action is sensitive
 * (the {@link Policy} is asked) or forbidden outright (navigation to an origin outside the allowlist).
 */
public final class ActionReview {
    /** The outcome: a refusal without asking, or the questions to ask (none: go ahead). */
    public static final class Outcome {
        public final String forbidden;
        public final List<SensitiveAction> toAsk;

        Outcome(String forbidden, List<SensitiveAction> toAsk) {
            this.forbidden = forbidden;
            this.toAsk = toAsk;
        }
    }

    private final List<String> allowedOrigins;

    /** @param allowedOrigins origins the agent may go to ("https://example.org"); the start page's is added by the agent */
    public ActionReview(List<String> allowedOrigins) {
        this.allowedOrigins = new ArrayList<>();
        for (String o : allowedOrigins) {
            this.allowedOrigins.add(Origins.of(o, ""));
        }
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public Outcome review(ToolCall call, PageSnapshot page) {
        List<SensitiveAction> ask = new ArrayList<>();
        String name = call.name();
        PageRef target = page.ref(call.text("ref"));
        if (name.equals("press_key") && target == null) {
            target = page.ref(page.focusedRef() == null ? "" : page.focusedRef());
        }
        if (name.equals("navigate")) {
            String url = call.text("url").trim();
            if (!url.equals("back") && !url.equals("forward") && !url.equals("reload")) {
                String forbidden = origin(call, url, page, null, ask);
                if (forbidden != null) {
                    return new Outcome(forbidden, ask);
                }
            }
        }
        if (target == null) {
            return new Outcome(null, ask);
        }
        if (name.equals("click")) {
            if (target.submitsForm()) {
                ask.add(new SensitiveAction(SensitiveAction.Kind.FORM_SUBMIT, "Submit the form by clicking " + target + "?", call, target));
            }
            if (target.download()) {
                ask.add(new SensitiveAction(SensitiveAction.Kind.DOWNLOAD, "Download the file " + target
                        + (target.href().isEmpty() ? "" : " from " + target.href()) + "?", call, target));
            }
            if (!target.href().isEmpty() && !target.download()) {
                String forbidden = origin(call, target.href(), page, target, ask);
                if (forbidden != null) {
                    return new Outcome(forbidden, ask);
                }
            }
        }
        if (name.equals("type")) {
            if (isSecretField(target)) {
                ask.add(new SensitiveAction(SensitiveAction.Kind.SECRET_FIELD, "Type into the " + secretWord(target) + " field "
                        + target + "?", call, target));
            }
            if (call.flag("submit") && target.inForm()) {
                ask.add(new SensitiveAction(SensitiveAction.Kind.FORM_SUBMIT, "Submit the form by pressing Enter in " + target + "?", call, target));
            }
        }
        if (name.equals("press_key") && isEnter(call.text("key")) && submitsOnEnter(target)) {
            ask.add(new SensitiveAction(SensitiveAction.Kind.FORM_SUBMIT, "Submit the form by pressing Enter in " + target + "?", call, target));
        }
        return new Outcome(null, ask);
    }

    /** Adds the question for a cross-origin navigation, or returns why it is forbidden. */
    private String origin(ToolCall call, String url, PageSnapshot page, PageRef target, List<SensitiveAction> ask) {
        String here = Origins.of(page.url(), "");
        String there = Origins.of(url, page.url());
        if (there.isEmpty() || there.equals(here)) {
            return null;
        }
        if (!allowedOrigins.contains(there)) {
            return "going to " + there + " is not allowed: this run may only visit " + String.join(", ", allowedOrigins);
        }
        ask.add(new SensitiveAction(SensitiveAction.Kind.OTHER_ORIGIN, "Leave " + here + " for " + url
                + (target == null ? "" : " (by clicking " + target + ")") + "?", call, target));
        return null;
    }

    private static boolean isEnter(String key) {
        int plus = key.lastIndexOf('+');
        String k = plus >= 0 && plus < key.length() - 1 ? key.substring(plus + 1) : key;
        return k.trim().equalsIgnoreCase("enter") || k.trim().equalsIgnoreCase("return");
    }

    /** Enter on a submit button, or in a single-line field of a form (implicit submission). */
    private static boolean submitsOnEnter(PageRef t) {
        if (t.submitsForm()) {
            return true;
        }
        if (!t.inForm()) {
            return false;
        }
        switch (t.inputType()) {
            case "textarea": case "button": case "reset": case "checkbox": case "radio": case "file":
            case "select-one": case "select-multiple": case "range": case "color":
                return false;
            default:
                return t.role().equals("textbox") || t.role().equals("searchbox") || t.role().equals("combobox")
                        || t.role().equals("spinbutton") || !t.inputType().isEmpty();
        }
    }

    private static final String[] SECRET_NAMES = {
        "password", "passwort", "passcode", "passphrase", "card number", "credit card", "debit card", "cardholder",
        "cvc", "cvv", "csc", "security code", "expiry", "expiration", "valid thru", "iban", "routing number",
        "account number", "social security", "one-time code", "otp",
    };

    /** A password or payment field, from its input type, its autocomplete tokens, or its accessible name. */
    public static boolean isSecretField(PageRef t) {
        if (t.inputType().equals("password")) {
            return true;
        }
        String ac = " " + t.autocomplete().toLowerCase() + " ";
        if (ac.contains(" cc-") || ac.contains("password") || ac.contains("one-time-code")) {
            return true;
        }
        String name = " " + t.name().toLowerCase() + " ";
        for (String s : SECRET_NAMES) {
            if (name.contains(s)) {
                return true;
            }
        }
        return name.contains(" pin ") || name.contains(" pin:") || name.contains(" pin*");
    }

    private static String secretWord(PageRef t) {
        String ac = t.autocomplete().toLowerCase();
        String name = t.name().toLowerCase();
        if (t.inputType().equals("password") || ac.contains("password") || name.contains("pass")) {
            return "password";
        }
        return "payment or secret";
    }
}
