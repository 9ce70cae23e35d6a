/* calbook-booking-summary-private.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking-summary.h"

G_BEGIN_DECLS

/* The values a summary is made of, as the store reads them from a row */
typedef struct
{
  const char *uid;
  const char *title;
  gint64      start;
  gint64      end;
  gint64      updated_at;
  gint64      created_at;
  int         status;
  const char *api_status;
  const char *client_name;
  const char *client_email;
  const char *client_key;
  const char *host_name;
  const char *host_email;
  const char *host_key;
  gint64      event_type_id;
  const char *event_type_slug;
  gint64      length;
  const char *location;
  int         location_kind;
  gint64      attendee_count;
  gboolean    recurring;
  gboolean    no_show;
} CalbookBookingSummaryFields;

CalbookBookingSummary *_calbook_booking_summary_new          (const CalbookBookingSummaryFields *fields);
/* The sort keys of the client and host columns (folded labels) */
const char            *_calbook_booking_summary_get_client_key (CalbookBookingSummary *self);
const char            *_calbook_booking_summary_get_host_key   (CalbookBookingSummary *self);

G_END_DECLS
