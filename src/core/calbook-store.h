/* calbook-store.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "calbook-booking.h"
#include "calbook-booking-filter.h"
#include "calbook-booking-summary.h"
#include "calbook-outbox-entry.h"
#include "calbook-person.h"
#include "calbook-rejected-booking.h"

G_BEGIN_DECLS

#define CALBOOK_TYPE_STORE (calbook_store_get_type ())

G_DECLARE_FINAL_TYPE (CalbookStore, calbook_store, CALBOOK, STORE, GObject)

/**
 * CalbookStoreCheck:
 * @CALBOOK_STORE_CHECK_NONE: nothing to check
 * @CALBOOK_STORE_CHECK_QUICK: SQLite's quick_check, after an unclean shutdown
 * @CALBOOK_STORE_CHECK_FULL: the full integrity check, now and then
 */
typedef enum
{
  CALBOOK_STORE_CHECK_NONE,
  CALBOOK_STORE_CHECK_QUICK,
  CALBOOK_STORE_CHECK_FULL,
} CalbookStoreCheck;

/*
 * One SQLite connection to one account's file. A CalbookStore is used from
 * one thread at a time: the UI keeps one for its (fast, indexed) reads, the
 * sync opens its own on the same path in a worker thread. WAL lets them
 * work side by side.
 */

char                 *calbook_store_build_path         (const char            *base_url,
                                                        gint64                 user_id);
CalbookStore         *calbook_store_open               (const char            *path,
                                                        GError               **error);
const char           *calbook_store_get_path           (CalbookStore          *self);
guint                 calbook_store_count_open_connections (void);
char                 *calbook_store_move_aside         (const char            *path,
                                                        GError               **error);
gboolean              calbook_store_check_integrity    (CalbookStore          *self,
                                                        GError               **error);
CalbookStoreCheck     calbook_store_get_due_check      (CalbookStore          *self);
gboolean              calbook_store_ensure_sound       (CalbookStore          *self,
                                                        GError               **error);
gboolean              calbook_store_run_check          (CalbookStore          *self,
                                                        CalbookStoreCheck      check,
                                                        GError               **error);

/* Whose account the file holds: their own bookings' views read an index */
gboolean              calbook_store_set_owner          (CalbookStore          *self,
                                                        gint64                 user_id,
                                                        const char            *email,
                                                        GError               **error);

/* Bookings. A page and its sync watermark go in one transaction. */
gboolean              calbook_store_upsert_bookings    (CalbookStore          *self,
                                                        GPtrArray             *bookings,
                                                        const char            *state_key,
                                                        const char            *state_value,
                                                        GError               **error);
void                  calbook_store_set_bulk_writes    (CalbookStore          *self,
                                                        gboolean               bulk);
gboolean              calbook_store_delete_bookings    (CalbookStore          *self,
                                                        GPtrArray             *uids,
                                                        GError               **error);
CalbookBooking       *calbook_store_get_booking        (CalbookStore          *self,
                                                        const char            *uid,
                                                        GError               **error);
char                 *calbook_store_dup_booking_json   (CalbookStore          *self,
                                                        const char            *uid,
                                                        GError               **error);
GPtrArray            *calbook_store_list_uids          (CalbookStore          *self,
                                                        GError               **error);
guint                 calbook_store_count_bookings     (CalbookStore          *self,
                                                        const CalbookBookingFilter *filter,
                                                        GError               **error);
void                  calbook_store_count_bookings_async  (CalbookStore               *self,
                                                           const CalbookBookingFilter *filter,
                                                           GCancellable               *cancellable,
                                                           GAsyncReadyCallback         callback,
                                                           gpointer                    user_data);
gboolean              calbook_store_count_bookings_finish (CalbookStore               *self,
                                                           GAsyncResult               *result,
                                                           guint                      *out_count,
                                                           GError                    **error);
GPtrArray            *calbook_store_query_bookings     (CalbookStore          *self,
                                                        const CalbookBookingFilter *filter,
                                                        guint                  offset,
                                                        guint                  limit,
                                                        GError               **error);

GPtrArray            *calbook_store_query_summaries    (CalbookStore          *self,
                                                        const CalbookBookingFilter *filter,
                                                        guint                  offset,
                                                        guint                  limit,
                                                        GError               **error);

/* Bookings Cal.com sent that could not be read or stored, kept aside with
 * the reason; storing a booking with the same uid later removes its entry */
gboolean              calbook_store_reject_booking     (CalbookStore          *self,
                                                        const char            *uid,
                                                        const char            *reason,
                                                        const char            *json,
                                                        GError               **error);
GPtrArray            *calbook_store_list_rejected      (CalbookStore          *self,
                                                        GError               **error);
guint                 calbook_store_count_rejected     (CalbookStore          *self,
                                                        GError               **error);

/* Sync state: small key/value strings (watermarks, last full sync, profile) */
char                 *calbook_store_get_state          (CalbookStore          *self,
                                                        const char            *key,
                                                        GError               **error);
gboolean              calbook_store_set_state          (CalbookStore          *self,
                                                        const char            *key,
                                                        const char            *value,
                                                        GError               **error);

/* Organization members (CalbookPerson with user_id, username and role) */
gboolean              calbook_store_replace_members    (CalbookStore          *self,
                                                        GPtrArray             *members,
                                                        GError               **error);
GPtrArray            *calbook_store_list_members       (CalbookStore          *self,
                                                        GError               **error);

/* Outbox, in the order the user made the changes */
gint64                calbook_store_outbox_add         (CalbookStore          *self,
                                                        CalbookOutboxEntry    *entry,
                                                        GError               **error);
GPtrArray            *calbook_store_outbox_list        (CalbookStore          *self,
                                                        GError               **error);
gboolean              calbook_store_outbox_update      (CalbookStore          *self,
                                                        const CalbookOutboxEntry *entry,
                                                        GError               **error);
gboolean              calbook_store_outbox_remove      (CalbookStore          *self,
                                                        gint64                 id,
                                                        GError               **error);
gboolean              calbook_store_outbox_complete    (CalbookStore          *self,
                                                        gint64                 id,
                                                        GPtrArray             *bookings,
                                                        GError               **error);

G_END_DECLS
