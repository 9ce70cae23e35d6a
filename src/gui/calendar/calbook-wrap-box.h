/* calbook-wrap-box.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CALBOOK_TYPE_WRAP_BOX (calbook_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (CalbookWrapBox, calbook_wrap_box, CALBOOK, WRAP_BOX, GtkWidget)

G_END_DECLS
