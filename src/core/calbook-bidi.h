/* calbook-bidi.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Text from the network set among other words ("Title · 45 minutes",
 * "Ann — Intro call, 3 days waiting") must not change their order: a
 * title with U+202E RIGHT-TO-LEFT OVERRIDE and no closing U+202C would
 * otherwise reverse everything after it, and a right-to-left name moves
 * the neutral punctuation beside it.
 *
 * calbook_bidi_isolate() drops the explicit embedding, override and
 * isolate controls the text brings (U+202A–U+202E, U+2066–U+2069) and
 * puts what is left between U+2068 FIRST STRONG ISOLATE and U+2069 POP
 * DIRECTIONAL ISOLATE, so that it is ordered on its own and its
 * neighbours as if it were one neutral word. Text with nothing
 * right-to-left in it and no controls comes back as it is (nothing can be
 * reordered; plain copies keep search and comparisons simple).
 *
 * Use it on each network value before putting it into a sentence or a
 * list; a label showing one value alone needs nothing.
 */
char     *calbook_bidi_isolate      (const char *text);
/* Whether @text has right-to-left characters or explicit bidi controls */
gboolean  calbook_bidi_needs_isolate (const char *text);

G_END_DECLS
