/* calbook-export.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-booking.h"
#include "calbook-booking-filter.h"

G_BEGIN_DECLS

/**
 * CalbookExportFormat:
 * @CALBOOK_EXPORT_FORMAT_CSV: RFC 4180 comma-separated values, UTF-8, one header row
 * @CALBOOK_EXPORT_FORMAT_ICALENDAR: RFC 5545 iCalendar, one VEVENT per booking
 */
typedef enum
{
  CALBOOK_EXPORT_FORMAT_CSV,
  CALBOOK_EXPORT_FORMAT_ICALENDAR,
} CalbookExportFormat;

/* The columns of a CSV export, in order */
typedef enum
{
  CALBOOK_EXPORT_COLUMN_UID,
  CALBOOK_EXPORT_COLUMN_TITLE,
  CALBOOK_EXPORT_COLUMN_STATUS,
  CALBOOK_EXPORT_COLUMN_START,
  CALBOOK_EXPORT_COLUMN_END,
  CALBOOK_EXPORT_COLUMN_LENGTH,
  CALBOOK_EXPORT_COLUMN_EVENT_TYPE,
  CALBOOK_EXPORT_COLUMN_MEMBER,
  CALBOOK_EXPORT_COLUMN_MEMBER_EMAIL,
  CALBOOK_EXPORT_COLUMN_CLIENT,
  CALBOOK_EXPORT_COLUMN_CLIENT_EMAIL,
  CALBOOK_EXPORT_COLUMN_GUESTS,
  CALBOOK_EXPORT_COLUMN_LOCATION,
  CALBOOK_EXPORT_COLUMN_CREATED,
  CALBOOK_EXPORT_N_COLUMNS,
} CalbookExportColumn;

#define CALBOOK_TYPE_EXPORT (calbook_export_get_type ())

G_DECLARE_FINAL_TYPE (CalbookExport, calbook_export, CALBOOK, EXPORT, GObject)

/*
 * Writes the bookings matching a filter to a file, in a worker thread with a
 * store connection of its own, page by page, so that 100,000 rows need
 * neither the UI thread nor all of them in memory. "progress" (0…1) is
 * notified on the thread-default main context of the caller.
 */

CalbookExport *calbook_export_new                (const char                 *store_path,
                                                  const CalbookBookingFilter *filter,
                                                  CalbookExportFormat         format,
                                                  GTimeZone                  *zone);
double         calbook_export_get_progress       (CalbookExport              *self);
void           calbook_export_run_async          (CalbookExport              *self,
                                                  GFile                      *file,
                                                  GCancellable               *cancellable,
                                                  GAsyncReadyCallback         callback,
                                                  gpointer                    user_data);
/* Returns the number of bookings written, or -1 with @error set */
gssize         calbook_export_run_finish         (CalbookExport              *self,
                                                  GAsyncResult               *result,
                                                  GError                    **error);

/* The pieces the worker is made of, on bookings already in memory */
const char    *calbook_export_get_column_name    (CalbookExportColumn         column);
char          *calbook_export_dup_csv_field      (CalbookBooking             *booking,
                                                  CalbookExportColumn         column,
                                                  GTimeZone                  *zone);
void           calbook_export_append_csv_header  (GString                    *out);
void           calbook_export_append_csv_row     (GString                    *out,
                                                  CalbookBooking             *booking,
                                                  GTimeZone                  *zone);
void           calbook_export_append_csv_value   (GString                    *out,
                                                  const char                 *value);
char          *calbook_export_dup_ics_head       (void);
const char    *calbook_export_get_ics_tail       (void);
char          *calbook_export_dup_vevent         (CalbookBooking             *booking,
                                                  gint64                      now);
/* A whole document in memory (small exports and tests) */
char          *calbook_export_to_string          (GPtrArray                  *bookings,
                                                  CalbookExportFormat         format,
                                                  GTimeZone                  *zone,
                                                  gint64                      now);

G_END_DECLS
