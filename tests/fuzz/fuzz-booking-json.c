/* fuzz-booking-json.c: one booking object as Cal.com might send it, read
 * (straight from the text and through a tree, alike), written back,
 * matched, searched and exported
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>

#include "../core/booking-reader-check.h"
#include "calbook-booking.h"
#include "calbook-booking-filter.h"
#include "calbook-export.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(CalbookBooking) booking = NULL;
  g_autoptr(CalbookBooking) again = NULL;
  g_autoptr(CalbookBookingFilter) filter = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *written = NULL;
  g_autofree char *vevent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;

  /* Read straight from the text or through a tree: the same booking, or
   * the same refusal */
  difference = test_compare_booking_readers ((const char *) data, size, NULL);
  if (difference != NULL)
    g_error ("The booking readers differ: %s", difference);

  booking = calbook_booking_new_from_json_string (text, -1, &error);
  if (booking == NULL)
    return 0;

  /* What the store writes must read back */
  written = calbook_booking_to_json_string (booking);
  g_assert_nonnull (written);
  again = calbook_booking_new_from_json_string (written, -1, NULL);
  g_assert_nonnull (again);
  g_assert_cmpstr (calbook_booking_get_uid (again), ==, calbook_booking_get_uid (booking));

  calbook_booking_involves_user (booking, 103, "zoe.odegaard@northwind-clinic.example");
  filter = calbook_booking_filter_new ();
  calbook_booking_filter_set_text (filter, calbook_booking_get_title (booking));
  calbook_booking_filter_matches (filter, booking);

  calbook_export_append_csv_row (csv, booking, zone);
  vevent = calbook_export_dup_vevent (booking, 1893456000);

  return 0;
}
