/* calbook-month-view.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-view.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_MONTH_VIEW (calbook_month_view_get_type ())

G_DECLARE_FINAL_TYPE (CalbookMonthView, calbook_month_view, CALBOOK, MONTH_VIEW, GtkWidget)

GPtrArray *calbook_month_view_get_bookings (CalbookMonthView *self);

G_END_DECLS
