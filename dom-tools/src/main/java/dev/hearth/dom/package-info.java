/**
 * The page snapshot and the DOM actions.
 *
 * <p>A sharp edge of TeaVM's JS target, seen here: it renames {@code @JSBody} parameters to single
 * letters (b, c, d, ...) and inlines the script, so a script's own local variable named with a single
 * letter can overwrite a parameter. Scripts here use locals of two or more letters where a clash is possible.
 */
package dev.hearth.dom;
