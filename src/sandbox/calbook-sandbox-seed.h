/* calbook-sandbox-seed.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-sandbox-db.h"

G_BEGIN_DECLS

/* A made-up client of the practice */
typedef struct
{
  const char *name;
  const char *email;
  const char *time_zone;
  const char *language;
} CalbookSandboxClientSpec;

/* The test data sets: n_bookings 0 is the edge set (every status, chains,
 * hostile and long texts), N the random load set. The curated demo lives
 * in calbook-sandbox-demo-data.c. */
gboolean   calbook_sandbox_seed_populate        (CalbookSandboxDb  *db,
                                                 guint64            seed,
                                                 guint              n_bookings,
                                                 gint64             now_ms,
                                                 GError           **error);

/* Shared with the demo data set */
char      *calbook_sandbox_seed_make_api_key    (guint64            seed,
                                                 const char        *username);
void       calbook_sandbox_seed_add_event_type  (CalbookSandboxDb  *db,
                                                 gint64             id,
                                                 gint64             owner_id,
                                                 const char        *title,
                                                 const char        *slug,
                                                 const char        *description,
                                                 guint              length,
                                                 const char        *location_type,
                                                 const char        *location_member,
                                                 const char        *location_value,
                                                 const char        *booking_location,
                                                 gboolean           requires_confirmation,
                                                 guint              recurrence_count,
                                                 const guint       *options,
                                                 guint              n_options);
GDateTime *calbook_sandbox_seed_local_day       (gint64             now_ms,
                                                 const char        *time_zone,
                                                 int                day_offset);
gint64     calbook_sandbox_seed_local_time_ms   (GDateTime         *day,
                                                 int                minutes);
char      *calbook_sandbox_seed_make_responses  (const char        *name,
                                                 const char        *email,
                                                 const char        *notes,
                                                 const char        *guest_email);

G_END_DECLS
