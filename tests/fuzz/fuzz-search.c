/* fuzz-search.c: whatever a user types into the search field, run as the
 * store runs it (full-text words and all) over a small real store
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "calbook-booking.h"
#include "calbook-booking-filter.h"
#include "calbook-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static CalbookStore *store;

static const char booking_json[] =
  "{\"id\":1,\"uid\":\"a1b2c3d4e5f6g7h8i9j0kA\",\"title\":\"Physiotherapy Session between Sofia Rossi and Zoë Ødegaard\","
  "\"description\":\"Knee \\\"ACL\\\" week 6 — <b>not markup</b>\",\"hosts\":[{\"id\":102,\"name\":\"Sofia Rossi\","
  "\"email\":\"sofia.rossi@lindenhof-praxis.example\",\"username\":\"sofia.rossi\",\"timeZone\":\"Europe/Berlin\"}],"
  "\"status\":\"accepted\",\"start\":\"2030-01-07T09:00:00.000Z\",\"end\":\"2030-01-07T09:45:00.000Z\",\"duration\":45,"
  "\"eventTypeId\":1011,\"eventType\":{\"id\":1011,\"slug\":\"physiotherapy\"},\"location\":\"Room 3\","
  "\"absentHost\":false,\"createdAt\":\"2029-12-01T10:00:00.000Z\",\"updatedAt\":\"2029-12-01T10:00:00.000Z\","
  "\"attendees\":[{\"name\":\"Zoë Ødegaard\",\"email\":\"zoe@example.no\",\"timeZone\":\"Europe/Oslo\",\"language\":\"no\","
  "\"absent\":false}],\"guests\":[],\"bookingFieldsResponses\":{\"name\":\"Zoë Ødegaard\",\"email\":\"zoe@example.no\"}}";

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = g_dir_make_tmp ("calbook-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (folder, "store.sqlite3", NULL);
  store = calbook_store_open (path, &error);
  g_assert_no_error (error);
  g_ptr_array_add (bookings, calbook_booking_new_from_json_string (booking_json, -1, &error));
  g_assert_no_error (error);
  calbook_store_upsert_bookings (store, bookings, NULL, NULL, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(CalbookBookingFilter) filter = calbook_booking_filter_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    open_store ();

  calbook_booking_filter_set_text (filter, text);
  calbook_store_count_bookings (store, filter, &error);
  /* Any text is a search, never a query error */
  g_assert_no_error (error);
  rows = calbook_store_query_bookings (store, filter, 0, 10, &error);
  g_assert_no_error (error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_assert_true (calbook_booking_filter_matches (filter, g_ptr_array_index (rows, i)));

  return 0;
}
