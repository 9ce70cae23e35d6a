/* calbook-sandbox-json.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "calbook-sandbox-db.h"

G_BEGIN_DECLS

/* The columns calbook_sandbox_booking_to_json() reads, in this order. */
#define CALBOOK_SANDBOX_BOOKING_COLUMNS \
  "b.id, b.uid, b.title, b.description, b.organizer_id, b.event_type_id, b.status," \
  " b.start_ms, b.end_ms, b.created_ms, b.updated_ms, b.location, b.absent_host," \
  " b.cancellation_reason, b.cancelled_by_email, b.rejection_reason, b.rescheduling_reason," \
  " b.rescheduled_by_email, b.rescheduled_from_uid, b.rescheduled_to_uid, b.rescheduled," \
  " b.recurring_event_id, b.metadata, b.responses, b.rating, b.ics_uid"

typedef enum
{
  BOOKING_COL_ID,
  BOOKING_COL_UID,
  BOOKING_COL_TITLE,
  BOOKING_COL_DESCRIPTION,
  BOOKING_COL_ORGANIZER_ID,
  BOOKING_COL_EVENT_TYPE_ID,
  BOOKING_COL_STATUS,
  BOOKING_COL_START,
  BOOKING_COL_END,
  BOOKING_COL_CREATED,
  BOOKING_COL_UPDATED,
  BOOKING_COL_LOCATION,
  BOOKING_COL_ABSENT_HOST,
  BOOKING_COL_CANCELLATION_REASON,
  BOOKING_COL_CANCELLED_BY,
  BOOKING_COL_REJECTION_REASON,
  BOOKING_COL_RESCHEDULING_REASON,
  BOOKING_COL_RESCHEDULED_BY,
  BOOKING_COL_RESCHEDULED_FROM,
  BOOKING_COL_RESCHEDULED_TO,
  BOOKING_COL_RESCHEDULED,
  BOOKING_COL_RECURRING_EVENT_ID,
  BOOKING_COL_METADATA,
  BOOKING_COL_RESPONSES,
  BOOKING_COL_RATING,
  BOOKING_COL_ICS_UID,
} CalbookSandboxBookingColumn;

/* The parts of a booking the business rules look at. */
typedef struct
{
  gint64  id;
  char   *uid;
  gint64  organizer_id;
  gint64  event_type_id;
  char   *status;
  gint64  start_ms;
  gint64  end_ms;
  char   *rescheduled_to_uid;
  gboolean rescheduled;
  char   *recurring_event_id;
  char   *title;
} CalbookSandboxBookingRow;

char      *calbook_sandbox_format_time           (gint64              ms);
char      *calbook_sandbox_format_zoned_time     (gint64              ms,
                                                  GTimeZone          *tz);
gboolean   calbook_sandbox_parse_time            (const char         *text,
                                                  gint64             *out_ms);
gboolean   calbook_sandbox_is_date_only          (const char         *text);

JsonNode  *calbook_sandbox_booking_to_json       (CalbookSandboxDb   *db,
                                                  sqlite3_stmt       *stmt);
JsonNode  *calbook_sandbox_booking_lookup_json   (CalbookSandboxDb   *db,
                                                  const char         *uid);
JsonNode  *calbook_sandbox_series_lookup_json    (CalbookSandboxDb   *db,
                                                  const char         *recurring_event_id);
CalbookSandboxBookingRow *calbook_sandbox_booking_row_lookup (CalbookSandboxDb *db,
                                                              const char       *uid);
void       calbook_sandbox_booking_row_free      (CalbookSandboxBookingRow *row);

JsonNode  *calbook_sandbox_event_type_to_json    (CalbookSandboxDb              *db,
                                                  const CalbookSandboxEventType *event_type);
JsonNode  *calbook_sandbox_host_to_json          (const CalbookSandboxUser      *user);
void       calbook_sandbox_json_fix_numbers      (char                          *text);
JsonNode  *calbook_sandbox_parse_json_or_empty   (const char                    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookSandboxBookingRow, calbook_sandbox_booking_row_free)

G_END_DECLS
