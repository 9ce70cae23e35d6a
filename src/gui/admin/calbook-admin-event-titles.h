/* calbook-admin-event-titles.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calbook-context.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_ADMIN_EVENT_TITLES (calbook_admin_event_titles_get_type ())

G_DECLARE_FINAL_TYPE (CalbookAdminEventTitles, calbook_admin_event_titles, CALBOOK, ADMIN_EVENT_TITLES, GObject)

/*
 * The titles of the organization members' event types, by event type id,
 * as Cal.com lists them (one `GET /v2/event-types?username=` per member).
 * One per signed-in account, kept for as long as it is signed in, so that
 * every admin window shares them; a member's are asked again once older
 * than a few minutes. "changed" is emitted when titles arrived that were
 * not known or differ.
 */
CalbookAdminEventTitles *calbook_admin_event_titles_get_for_context (CalbookContext          *context);
/* Asks for the event types of those of @people (CalbookPerson) with a
 * username whose titles are missing or old */
void                     calbook_admin_event_titles_refresh         (CalbookAdminEventTitles *self,
                                                                     GPtrArray               *people);
const char              *calbook_admin_event_titles_lookup          (CalbookAdminEventTitles *self,
                                                                     gint64                   event_type_id);

/* For the GUI tests: how long titles count as fresh (10 minutes) */
void                     _calbook_admin_event_titles_set_fresh_seconds (CalbookAdminEventTitles *self,
                                                                        guint                    seconds);

G_END_DECLS
