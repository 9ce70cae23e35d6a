/* test-markup.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* (transfer full): the text of the markup fragment @markup, as a
 * notification daemon's markup parser reads it; fails the test when it
 * does not parse */
char *test_markup_text (const char *markup);

G_END_DECLS
