/* calbook-api-client.h
 *
 * Copyright 2026 The Calbook authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* cal-api-version per endpoint group (docs/calcom-behaviour.md §9) */
#define CALBOOK_API_VERSION_BOOKINGS    "2024-08-13"
#define CALBOOK_API_VERSION_SLOTS       "2024-09-04"
#define CALBOOK_API_VERSION_EVENT_TYPES "2024-06-14"

#define CALBOOK_API_MAX_TAKE 250

/**
 * CalbookApiBookingQuery:
 * @status: (nullable): comma-separated Cal.com list statuses (upcoming, recurring,
 *   past, cancelled, unconfirmed); %NULL for no status filter
 * @after_updated_at: send afterUpdatedAt when not 0 (UTC seconds)
 * @sort_updated_asc: send sortUpdatedAt=asc
 * @after_start: send afterStart when not 0
 * @before_end: send beforeEnd when not 0
 * @user_ids: (nullable): comma-separated user ids (organization bookings only)
 * @take: page size, 1..CALBOOK_API_MAX_TAKE
 * @skip: offset
 *
 * One page request of GET /v2/bookings or /v2/organizations/{id}/bookings.
 * Only these parameters are ever sent.
 */
/* The one order a list asks for (Cal.com uses one sort only) */
typedef enum
{
  CALBOOK_API_SORT_DEFAULT,
  CALBOOK_API_SORT_UPDATED_ASC,
  CALBOOK_API_SORT_CREATED_ASC,
  CALBOOK_API_SORT_START_ASC,
  CALBOOK_API_SORT_UPDATED_DESC,
} CalbookApiSort;

typedef struct
{
  const char *status;
  gint64      after_updated_at;
  gboolean    sort_updated_asc;
  gint64      after_start;
  gint64      before_end;
  const char *user_ids;
  guint       take;
  guint       skip;
  const char *event_type_ids;  /* comma-separated, nullable */
  /* Keyset paging, to the millisecond as Cal.com compares; 0 = none. The
   * bounds are inclusive. */
  gint64      after_updated_ms;
  gint64      before_updated_ms;
  gint64      after_created_ms;
  gint64      before_created_ms;
  gint64      after_start_ms;
  CalbookApiSort sort;
  /* Items are checked as JSON and given as text only (the page's @items
   * stay empty): for a reader that reads them from their text */
  gboolean    texts_only;
} CalbookApiBookingQuery;

/**
 * CalbookApiUnreadable:
 * @text: the item's JSON text as it came
 * @reason: why it could not be read
 *
 * An item of a list answer that is not valid JSON on its own.
 */
typedef struct
{
  char *text;
  char *reason;
} CalbookApiUnreadable;

/**
 * CalbookApiPage:
 * @items: (element-type JsonObject): the raw items of `data`, sealed (empty
 *   for a query with texts_only)
 * @texts: (element-type utf8): the text of each of @items, as it came
 * @unreadable: (element-type CalbookApiUnreadable): items that are not JSON
 * @total_items: pagination.totalItems
 * @has_next_page: pagination.hasNextPage
 */
typedef struct
{
  GPtrArray *items;
  GPtrArray *texts;
  GPtrArray *unreadable;
  guint      total_items;
  gboolean   has_next_page;
} CalbookApiPage;

void calbook_api_page_free (CalbookApiPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CalbookApiPage, calbook_api_page_free)

#define CALBOOK_TYPE_API_CLIENT (calbook_api_client_get_type ())

G_DECLARE_FINAL_TYPE (CalbookApiClient, calbook_api_client, CALBOOK, API_CLIENT, GObject)

/*
 * Async client for Cal.com API v2. Properties: "base-url" (construct-only,
 * the API root without /v2), "api-key" (construct-only, write-only: never
 * readable back, never logged), "max-retries" (default 3),
 * "max-rate-limit-wait" (seconds, default 60).
 *
 * Every _finish returns Cal.com's `data` (the envelope is checked and
 * stripped) or sets a CALBOOK_API_ERROR whose message a person can act on.
 */

char             *calbook_api_client_normalize_base_url (const char *base_url);
gboolean          calbook_api_client_validate_base_url (const char *base_url,
                                                        GError    **error);
CalbookApiClient *calbook_api_client_new               (const char *base_url,
                                                        const char *api_key,
                                                        GError    **error);
const char       *calbook_api_client_get_base_url      (CalbookApiClient *self);

/* GET /v2/me → data object */
void        calbook_api_client_get_me_async          (CalbookApiClient *self, GCancellable *cancellable,
                                                      GAsyncReadyCallback callback, gpointer user_data);
JsonObject *calbook_api_client_get_me_finish         (CalbookApiClient *self, GAsyncResult *result, GError **error);

/* GET /v2/organizations/{org_id}/memberships (one page) */
void            calbook_api_client_list_memberships_async  (CalbookApiClient *self, gint64 org_id,
                                                            guint take, guint skip, GCancellable *cancellable,
                                                            GAsyncReadyCallback callback, gpointer user_data);
CalbookApiPage *calbook_api_client_list_memberships_finish (CalbookApiClient *self, GAsyncResult *result,
                                                            GError **error);

/* GET /v2/event-types → data array */
void       calbook_api_client_list_event_types_async  (CalbookApiClient *self, GCancellable *cancellable,
                                                       GAsyncReadyCallback callback, gpointer user_data);
JsonArray *calbook_api_client_list_event_types_finish (CalbookApiClient *self, GAsyncResult *result,
                                                       GError **error);
/* GET /v2/event-types?username= → data array: another user's event types
 * (an organization member's, for their titles) */
void       calbook_api_client_list_user_event_types_async  (CalbookApiClient *self, const char *username,
                                                            GCancellable *cancellable,
                                                            GAsyncReadyCallback callback, gpointer user_data);
JsonArray *calbook_api_client_list_user_event_types_finish (CalbookApiClient *self, GAsyncResult *result,
                                                            GError **error);

/* GET /v2/slots?eventTypeId&start&end&timeZone&format=range[&bookingUidToReschedule]
 * → data object: "YYYY-MM-DD" → [{start, end}] */
void        calbook_api_client_get_slots_async  (CalbookApiClient *self, gint64 event_type_id,
                                                 GDateTime *start, GDateTime *end, const char *time_zone,
                                                 const char *booking_uid_to_reschedule,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
JsonObject *calbook_api_client_get_slots_finish (CalbookApiClient *self, GAsyncResult *result, GError **error);

/* GET /v2/bookings, and with org_id > 0 GET /v2/organizations/{org_id}/bookings (one page) */
void            calbook_api_client_list_bookings_async  (CalbookApiClient *self, gint64 org_id,
                                                         const CalbookApiBookingQuery *query,
                                                         GCancellable *cancellable,
                                                         GAsyncReadyCallback callback, gpointer user_data);
CalbookApiPage *calbook_api_client_list_bookings_finish (CalbookApiClient *self, GAsyncResult *result,
                                                         GError **error);

/* GET /v2/bookings/{uid} → data (object, or array for a recurring series uid) */
void      calbook_api_client_get_booking_async  (CalbookApiClient *self, const char *uid,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback, gpointer user_data);
JsonNode *calbook_api_client_get_booking_finish (CalbookApiClient *self, GAsyncResult *result, GError **error);

/*
 * Mutations. Each takes the request body as built by calbook-mutation.h (the
 * outbox keeps exactly this text) and returns `data` (object, or array
 * for recurring bookings). @kind selects the route:
 *   "create"      POST  /v2/bookings                    (uid NULL)
 *   "reschedule"  POST  /v2/bookings/{uid}/reschedule
 *   "cancel"      POST  /v2/bookings/{uid}/cancel
 *   "confirm"     POST  /v2/bookings/{uid}/confirm
 *   "decline"     POST  /v2/bookings/{uid}/decline
 *   "mark-absent" POST  /v2/bookings/{uid}/mark-absent
 *   "location"    PATCH /v2/bookings/{uid}/location
 *   "guests"      POST  /v2/bookings/{uid}/guests
 * A mutation is retried only when it cannot have reached the server.
 */
void      calbook_api_client_mutate_booking_async  (CalbookApiClient *self, const char *kind,
                                                    const char *uid, JsonObject *body,
                                                    GCancellable *cancellable,
                                                    GAsyncReadyCallback callback, gpointer user_data);
/* The same, with the change's client request id as X-Calbook-Request-Id */
void      calbook_api_client_mutate_booking_with_id_async (CalbookApiClient *self,
                                                           const char *kind, const char *uid,
                                                           const char *request_id,
                                                           JsonObject *body,
                                                           GCancellable *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer user_data);
JsonNode *calbook_api_client_mutate_booking_finish (CalbookApiClient *self, GAsyncResult *result,
                                                    GError **error);

/* "2026-11-23T09:00:00.000Z": UTC with milliseconds, as Cal.com wants times */
char       *calbook_api_client_format_time           (GDateTime *time);

/* Whether an error is worth keeping in the outbox and retrying later */
gboolean    calbook_api_error_is_transient           (const GError *error);

G_END_DECLS
