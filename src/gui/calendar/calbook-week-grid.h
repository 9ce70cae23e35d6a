/* calbook-week-grid.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking.h"
#include "calbook-booking-block.h"
#include "calbook-calendar-utils.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_WEEK_GRID (calbook_week_grid_get_type ())

G_DECLARE_FINAL_TYPE (CalbookWeekGrid, calbook_week_grid, CALBOOK, WEEK_GRID, GtkWidget)

void       calbook_week_grid_set_bookings    (CalbookWeekGrid *self,
                                              GDateTime       *week_start,
                                              GPtrArray       *summaries,
                                              const CalbookViewQuery *query);
CalbookBookingBlock *calbook_week_grid_lookup_block (CalbookWeekGrid *self,
                                                     const char      *uid);
void       calbook_week_grid_set_selected    (CalbookWeekGrid *self,
                                              CalbookBooking  *booking);
void       calbook_week_grid_set_working_hours (CalbookWeekGrid *self,
                                                int              start,
                                                int              end);
int        calbook_week_grid_get_hour_height (CalbookWeekGrid *self);
GDateTime *calbook_week_grid_time_at         (CalbookWeekGrid *self,
                                              double           x,
                                              double           y);
gboolean   calbook_week_grid_point_for_time  (CalbookWeekGrid *self,
                                              GDateTime       *time,
                                              double          *x,
                                              double          *y);

G_END_DECLS
