/* calbook-admin-cell.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "calbook-booking-summary.h"

G_BEGIN_DECLS

/**
 * CalbookAdminColumn:
 *
 * The columns of the admin table, as a cell shows them.
 */
typedef enum
{
  CALBOOK_ADMIN_COLUMN_DATE,
  CALBOOK_ADMIN_COLUMN_TIME,
  CALBOOK_ADMIN_COLUMN_LENGTH,
  CALBOOK_ADMIN_COLUMN_CLIENT,
  CALBOOK_ADMIN_COLUMN_MEMBER,
  CALBOOK_ADMIN_COLUMN_EVENT_TYPE,
  CALBOOK_ADMIN_COLUMN_STATUS,
  CALBOOK_ADMIN_COLUMN_LOCATION,
  CALBOOK_ADMIN_COLUMN_CREATED,
} CalbookAdminColumn;

#define CALBOOK_TYPE_ADMIN_COLUMN (calbook_admin_column_get_type ())
GType calbook_admin_column_get_type (void) G_GNUC_CONST;

#define CALBOOK_TYPE_ADMIN_CELL (calbook_admin_cell_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminCell, calbook_admin_cell, CALBOOK, ADMIN_CELL, GtkWidget)

/* The text of one column for @booking (also what tests compare with) */
char *calbook_admin_cell_dup_text (CalbookBookingSummary *booking,
                                   CalbookAdminColumn     column);

/* "Tue 2026-12-08 10:00": a time as the table shows it */
char *calbook_admin_cell_format_time (gint64              when);
/* (transfer full): a network text cut to what Pango lays out at once and
 * set apart (calbook_bidi_isolate()), to put into a sentence or a list */
char *calbook_admin_cell_dup_inline   (const char         *text);

G_END_DECLS
