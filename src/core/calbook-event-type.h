/* calbook-event-type.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "calbook-mutation.h"

G_BEGIN_DECLS

/**
 * CalbookEventLocation:
 * @kind: where, as a booking input names it
 * @value: (nullable): the address, phone number or link the event type sets;
 *   the integration's name ("cal-video") for %CALBOOK_LOCATION_INTEGRATION;
 *   %NULL where the attendee gives it
 *
 * One of the places an event type offers.
 */
typedef struct
{
  CalbookLocationKind  kind;
  char                *value;
} CalbookEventLocation;

#define CALBOOK_TYPE_EVENT_TYPE (calbook_event_type_get_type ())

G_DECLARE_FINAL_TYPE (CalbookEventType, calbook_event_type, CALBOOK, EVENT_TYPE, GObject)

/* From one item of GET /v2/event-types (2024-06-14); NULL with @error when
 * it has no id, title or length */
CalbookEventType *calbook_event_type_new_from_json      (JsonObject       *object,
                                                         GError          **error);
/* (transfer full) (element-type CalbookEventType): the usable items of
 * @array, hidden ones left out; items Cal.com sent broken are skipped */
GPtrArray        *calbook_event_type_list_from_json     (JsonArray        *array);

gint64            calbook_event_type_get_id             (CalbookEventType *self);
const char       *calbook_event_type_get_title          (CalbookEventType *self);
const char       *calbook_event_type_get_slug           (CalbookEventType *self);
const char       *calbook_event_type_get_description    (CalbookEventType *self);
guint             calbook_event_type_get_length         (CalbookEventType *self);
/* (element-type guint): the lengths a booking may choose; empty for one length */
GArray           *calbook_event_type_get_length_options (CalbookEventType *self);
/* How many occurrences a booking makes; 0 when the event type doesn't recur */
guint             calbook_event_type_get_recurrence_count (CalbookEventType *self);
gboolean          calbook_event_type_get_hidden         (CalbookEventType *self);
/* (element-type CalbookEventLocation): never NULL */
GPtrArray        *calbook_event_type_get_locations      (CalbookEventType *self);

G_END_DECLS
