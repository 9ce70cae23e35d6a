/* calbook-sandbox-db.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A member of the sandbox organization; only its role changes (through
 * calbook_sandbox_db_set_user_role()) once added. */
typedef struct
{
  gint64  id;
  char   *username;
  char   *name;
  char   *email;
  char   *role;        /* "OWNER", "ADMIN" or "MEMBER" */
  char   *api_key;
  char   *time_zone;
  gint64  membership_id;
} CalbookSandboxUser;

/* An event type; only its booking limits, seats and confirmation change
 * (through calbook_sandbox_db_update_event_type()) once added. */
typedef struct
{
  gint64    id;
  gint64    owner_id;
  char     *title;
  char     *slug;
  char     *description;
  guint     length;
  GArray   *length_options;          /* guint minutes; empty unless multi-length */
  char     *location_type;           /* the first location's type */
  char     *location_value;          /* what a booking's "location" says for it */
  char     *locations_json;          /* the event type's locations[] as JSON */
  gboolean  requires_confirmation;
  guint     recurrence_count;        /* 0 = not recurring; weekly otherwise */
  gboolean  hidden;
  guint     minimum_notice;          /* minutes before start it can be booked */
  guint     before_buffer;           /* minutes kept free before … */
  guint     after_buffer;            /* … and after each booking */
  guint     window_days;             /* calendar days ahead it can be booked; 0 = no limit */
  guint     seats_per_time_slot;     /* 0 = not seated */
} CalbookSandboxEventType;

/* One row to insert into bookings; NULL strings are stored as NULL. */
typedef struct
{
  const char *uid;
  const char *title;
  const char *description;
  gint64      organizer_id;
  gint64      event_type_id;
  const char *status;
  gint64      start_ms;
  gint64      end_ms;
  gint64      created_ms;
  gint64      updated_ms;
  const char *location;
  gboolean    absent_host;
  const char *cancellation_reason;
  const char *cancelled_by_email;
  const char *rejection_reason;
  const char *rescheduling_reason;
  const char *rescheduled_by_email;
  const char *rescheduled_from_uid;
  const char *rescheduled_to_uid;
  gboolean    rescheduled;
  const char *recurring_event_id;
  const char *metadata;
  const char *responses;
  int         rating;                /* 0 = none */
  const char *ics_uid;
} CalbookSandboxBookingInsert;

#define CALBOOK_TYPE_SANDBOX_DB (calbook_sandbox_db_get_type ())

G_DECLARE_FINAL_TYPE (CalbookSandboxDb, calbook_sandbox_db, CALBOOK, SANDBOX_DB, GObject)

CalbookSandboxDb              *calbook_sandbox_db_new                   (const char        *path,
                                                                         GError           **error);
sqlite3                       *calbook_sandbox_db_get_handle            (CalbookSandboxDb  *self);
sqlite3_stmt                  *calbook_sandbox_db_prepare               (CalbookSandboxDb  *self,
                                                                         const char        *sql);
gboolean                       calbook_sandbox_db_exec                  (CalbookSandboxDb  *self,
                                                                         const char        *sql,
                                                                         GError           **error);
gboolean                       calbook_sandbox_db_create_indexes        (CalbookSandboxDb  *self,
                                                                         GError           **error);
gboolean                       calbook_sandbox_db_is_empty              (CalbookSandboxDb  *self);
gboolean                       calbook_sandbox_db_load                  (CalbookSandboxDb  *self,
                                                                         GError           **error);
void                           calbook_sandbox_db_add_user              (CalbookSandboxDb  *self,
                                                                         CalbookSandboxUser *user);
void                           calbook_sandbox_db_add_event_type        (CalbookSandboxDb  *self,
                                                                         CalbookSandboxEventType *event_type);
void                           calbook_sandbox_db_update_event_type     (CalbookSandboxDb              *self,
                                                                         const CalbookSandboxEventType *changed);
void                           calbook_sandbox_db_set_raw_members       (CalbookSandboxDb  *self,
                                                                         gint64             booking_id,
                                                                         JsonObject        *members);
JsonObject                    *calbook_sandbox_db_get_raw_members       (CalbookSandboxDb  *self,
                                                                         gint64             booking_id);
void                           calbook_sandbox_db_set_user_role         (CalbookSandboxDb  *self,
                                                                         gint64             id,
                                                                         const char        *role);
void                           calbook_sandbox_db_set_team              (CalbookSandboxDb  *self,
                                                                         gint64             id,
                                                                         const char        *name,
                                                                         GArray            *user_ids,
                                                                         GPtrArray         *roles);
gboolean                       calbook_sandbox_db_delete_team           (CalbookSandboxDb  *self,
                                                                         gint64             id);
gboolean                       calbook_sandbox_db_is_team_admin         (CalbookSandboxDb  *self,
                                                                         gint64             admin_id,
                                                                         gint64             member_id);
GPtrArray                     *calbook_sandbox_db_get_users             (CalbookSandboxDb  *self);
GPtrArray                     *calbook_sandbox_db_get_event_types       (CalbookSandboxDb  *self);
const CalbookSandboxUser      *calbook_sandbox_db_find_user_by_key      (CalbookSandboxDb  *self,
                                                                         const char        *api_key);
const CalbookSandboxUser      *calbook_sandbox_db_find_user_by_id       (CalbookSandboxDb  *self,
                                                                         gint64             id);
const CalbookSandboxUser      *calbook_sandbox_db_find_user_by_username (CalbookSandboxDb  *self,
                                                                         const char        *username);
const CalbookSandboxUser      *calbook_sandbox_db_find_user_by_email    (CalbookSandboxDb  *self,
                                                                         const char        *email);
const CalbookSandboxEventType *calbook_sandbox_db_find_event_type       (CalbookSandboxDb  *self,
                                                                         gint64             id);
gint64                         calbook_sandbox_db_next_stamp            (CalbookSandboxDb  *self,
                                                                         gint64             now_ms);
char                          *calbook_sandbox_db_make_uid              (CalbookSandboxDb  *self,
                                                                         GRand             *rand);
gboolean                       calbook_sandbox_db_begin                 (CalbookSandboxDb  *self);
gboolean                       calbook_sandbox_db_commit                (CalbookSandboxDb  *self);
void                           calbook_sandbox_db_rollback              (CalbookSandboxDb  *self);

gint64   calbook_sandbox_db_insert_booking  (CalbookSandboxDb                  *self,
                                            const CalbookSandboxBookingInsert *booking);
gboolean calbook_sandbox_db_insert_attendee (CalbookSandboxDb                  *self,
                                            gint64                             booking_id,
                                            const char                        *name,
                                            const char                        *email,
                                            const char                        *time_zone,
                                            const char                        *language,
                                            const char                        *phone,
                                            gboolean                           absent,
                                            gboolean                           is_guest);

void calbook_sandbox_user_free       (CalbookSandboxUser      *user);
void calbook_sandbox_event_type_free (CalbookSandboxEventType *event_type);

G_END_DECLS
