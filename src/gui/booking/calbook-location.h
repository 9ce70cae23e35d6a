/* calbook-location.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-booking.h"

G_BEGIN_DECLS

/**
 * CalbookLocationType:
 * @CALBOOK_LOCATION_TYPE_NONE: no place set
 * @CALBOOK_LOCATION_TYPE_ADDRESS: a street address (copy, open in maps)
 * @CALBOOK_LOCATION_TYPE_PHONE: a phone number (copy)
 * @CALBOOK_LOCATION_TYPE_LINK: a meeting link (Join when it is https)
 * @CALBOOK_LOCATION_TYPE_INTEGRATION: a conferencing app ("integrations:daily")
 *
 * What kind of place a booking's location text is.
 */
typedef enum
{
  CALBOOK_LOCATION_TYPE_NONE,
  CALBOOK_LOCATION_TYPE_ADDRESS,
  CALBOOK_LOCATION_TYPE_PHONE,
  CALBOOK_LOCATION_TYPE_LINK,
  CALBOOK_LOCATION_TYPE_INTEGRATION,
} CalbookLocationType;

/* Where a booking takes place, read from Cal.com's free-form `location`
 * and `meetingUrl` */
typedef struct _CalbookLocation CalbookLocation;

CalbookLocation     *calbook_location_new_for_booking    (CalbookBooking      *booking);
CalbookLocation     *calbook_location_new                (const char          *location,
                                                          const char          *meeting_url);
void                 calbook_location_free               (CalbookLocation     *self);
CalbookLocationType  calbook_location_get_location_type  (CalbookLocation     *self);
/* "Cal Video", the address, the number or the link; NULL for none */
char                *calbook_location_dup_display_text   (CalbookLocation     *self);
/* An https URL safe to open, or NULL */
const char          *calbook_location_get_join_url       (CalbookLocation     *self);
/* What "Copy" puts on the clipboard, or NULL */
const char          *calbook_location_get_copy_text      (CalbookLocation     *self);

const char          *calbook_location_type_to_label      (CalbookLocationType  type);
const char          *calbook_location_type_to_icon_name  (CalbookLocationType  type);
/* "Cal Video" for "daily" or "integrations:daily"; a readable name for others */
char                *calbook_location_integration_name   (const char          *integration);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookLocation, calbook_location_free)

G_END_DECLS
