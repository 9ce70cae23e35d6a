/* calbook-booking-column.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

/**
 * CalbookBookingColumn:
 * @CALBOOK_BOOKING_COLUMN_DEFAULT: no column: the filter's old `sort` decides
 * @CALBOOK_BOOKING_COLUMN_START: the start time
 * @CALBOOK_BOOKING_COLUMN_LENGTH: the length in minutes (Cal.com's `duration`)
 * @CALBOOK_BOOKING_COLUMN_CLIENT: the first attendee's name (or e-mail), ignoring case
 * @CALBOOK_BOOKING_COLUMN_HOST: the first host's (the organizer's) name (or e-mail), ignoring case
 * @CALBOOK_BOOKING_COLUMN_EVENT_TYPE: the event type's slug
 * @CALBOOK_BOOKING_COLUMN_STATUS: the #CalbookBookingStatus, in the enum's order
 * @CALBOOK_BOOKING_COLUMN_LOCATION: the #CalbookBookingLocation kind
 * @CALBOOK_BOOKING_COLUMN_CREATED: when the booking was made
 *
 * What a list can be sorted by. Rows with equal values follow by start time,
 * then by uid (byte order), so that the order is total; a descending sort is
 * the exact reverse.
 */
typedef enum
{
  CALBOOK_BOOKING_COLUMN_DEFAULT,
  CALBOOK_BOOKING_COLUMN_START,
  CALBOOK_BOOKING_COLUMN_LENGTH,
  CALBOOK_BOOKING_COLUMN_CLIENT,
  CALBOOK_BOOKING_COLUMN_HOST,
  CALBOOK_BOOKING_COLUMN_EVENT_TYPE,
  CALBOOK_BOOKING_COLUMN_STATUS,
  CALBOOK_BOOKING_COLUMN_LOCATION,
  CALBOOK_BOOKING_COLUMN_CREATED,
} CalbookBookingColumn;

#define CALBOOK_BOOKING_N_COLUMNS (CALBOOK_BOOKING_COLUMN_CREATED + 1)

/**
 * CalbookBookingLocation:
 * @CALBOOK_BOOKING_LOCATION_NONE: no location
 * @CALBOOK_BOOKING_LOCATION_LINK: a web address (a meeting link)
 * @CALBOOK_BOOKING_LOCATION_INTEGRATION: a conferencing app Cal.com names
 *   ("integrations:daily", "integrations:zoom", …)
 * @CALBOOK_BOOKING_LOCATION_PHONE: a phone number
 * @CALBOOK_BOOKING_LOCATION_ADDRESS: anything else: a place
 *
 * What kind of place a booking's `location` text is.
 */
typedef enum
{
  CALBOOK_BOOKING_LOCATION_NONE,
  CALBOOK_BOOKING_LOCATION_LINK,
  CALBOOK_BOOKING_LOCATION_INTEGRATION,
  CALBOOK_BOOKING_LOCATION_PHONE,
  CALBOOK_BOOKING_LOCATION_ADDRESS,
} CalbookBookingLocation;

#define CALBOOK_TYPE_BOOKING_COLUMN (calbook_booking_column_get_type ())
#define CALBOOK_TYPE_BOOKING_LOCATION (calbook_booking_location_get_type ())

GType                  calbook_booking_column_get_type     (void) G_GNUC_CONST;
GType                  calbook_booking_location_get_type   (void) G_GNUC_CONST;

CalbookBookingLocation calbook_booking_location_from_text  (const char     *location);

/* (transfer none) (nullable): the person a row shows for the client (the
 * first attendee) and for the host (the first host, the organizer) */
CalbookPerson         *calbook_booking_column_get_client   (CalbookBooking *booking);
CalbookPerson         *calbook_booking_column_get_host     (CalbookBooking *booking);

G_END_DECLS
