/* calbook-week-view.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-view.h"
#include "calbook-week-grid.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_WEEK_VIEW (calbook_week_view_get_type ())

G_DECLARE_FINAL_TYPE (CalbookWeekView, calbook_week_view, CALBOOK, WEEK_VIEW, GtkWidget)

GPtrArray       *calbook_week_view_get_bookings (CalbookWeekView *self);
CalbookWeekGrid *calbook_week_view_get_grid     (CalbookWeekView *self);

G_END_DECLS
