/* calbook-toast-timer.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void calbook_toast_timer_add_toast (AdwToastOverlay *overlay,
                                    AdwToast        *toast,
                                    guint            seconds);

G_END_DECLS
