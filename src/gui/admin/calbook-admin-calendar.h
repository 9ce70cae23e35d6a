/* calbook-admin-calendar.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking.h"

G_BEGIN_DECLS

/**
 * CalbookAdminCalendarMode:
 * @CALBOOK_ADMIN_CALENDAR_WEEK: seven days, one colour per member
 * @CALBOOK_ADMIN_CALENDAR_DAY: one day, one column per member
 */
typedef enum
{
  CALBOOK_ADMIN_CALENDAR_WEEK,
  CALBOOK_ADMIN_CALENDAR_DAY,
} CalbookAdminCalendarMode;

#define CALBOOK_TYPE_ADMIN_CALENDAR (calbook_admin_calendar_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminCalendar, calbook_admin_calendar, CALBOOK, ADMIN_CALENDAR, GtkWidget)

/* The organization's calendar: who is busy when, at a glance */
void                     calbook_admin_calendar_set_mode      (CalbookAdminCalendar     *self,
                                                               CalbookAdminCalendarMode  mode);
CalbookAdminCalendarMode calbook_admin_calendar_get_mode      (CalbookAdminCalendar     *self);
/* The first day shown (a Monday in week mode), local midnight */
void                     calbook_admin_calendar_set_day       (CalbookAdminCalendar     *self,
                                                               GDateTime                *day);
GDateTime               *calbook_admin_calendar_get_day       (CalbookAdminCalendar     *self);
/* [start, end) of what is shown, Unix time */
void                     calbook_admin_calendar_get_range     (CalbookAdminCalendar     *self,
                                                               gint64                   *start,
                                                               gint64                   *end);
/* @bookings: (element-type CalbookBookingSummary), light rows as the
 * table's; @member_ids: (element-type gint64), @member_names and
 * @member_emails (element-type utf8): the members shown, a booking being
 * its host's by e-mail address; @color_order: every member's id, in the
 * order their colours go */
void                     calbook_admin_calendar_set_bookings  (CalbookAdminCalendar     *self,
                                                               GPtrArray                *bookings,
                                                               GArray                   *member_ids,
                                                               GPtrArray                *member_names,
                                                               GPtrArray                *member_emails,
                                                               GArray                   *color_order);
/* What is shown, in words (the accessible description) */
char                    *calbook_admin_calendar_dup_summary   (CalbookAdminCalendar     *self);

/* For the GUI tests: the bookings drawn (transfer none) */
GPtrArray               *_calbook_admin_calendar_get_bookings (CalbookAdminCalendar     *self);

G_END_DECLS
