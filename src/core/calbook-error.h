/* calbook-error.h
 *
 * Copyright 2026 The Calbook authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CalbookApiError:
 * @CALBOOK_API_ERROR_NETWORK: the server could not be reached (DNS, refused, reset, timeout)
 * @CALBOOK_API_ERROR_TLS: the TLS certificate was not trusted; never ignored
 * @CALBOOK_API_ERROR_INVALID_URL: the base URL is not https:// (or loopback http://)
 * @CALBOOK_API_ERROR_UNAUTHORIZED: 401, the API key was rejected
 * @CALBOOK_API_ERROR_FORBIDDEN: 403, no permission (or no Admin API access)
 * @CALBOOK_API_ERROR_NOT_FOUND: 404
 * @CALBOOK_API_ERROR_BAD_REQUEST: 400 with a message from Cal.com (e.g. a cancellation reason is required)
 * @CALBOOK_API_ERROR_VALIDATION: 400 with per-field messages (envelope b)
 * @CALBOOK_API_ERROR_CONFLICT: 409, or 400 on create/reschedule because the slot is taken
 * @CALBOOK_API_ERROR_RATE_LIMITED: 429 after the retries ran out
 * @CALBOOK_API_ERROR_SERVER: 5xx
 * @CALBOOK_API_ERROR_INVALID_RESPONSE: the answer was not the JSON Cal.com documents
 */
typedef enum
{
  CALBOOK_API_ERROR_NETWORK,
  CALBOOK_API_ERROR_TLS,
  CALBOOK_API_ERROR_INVALID_URL,
  CALBOOK_API_ERROR_UNAUTHORIZED,
  CALBOOK_API_ERROR_FORBIDDEN,
  CALBOOK_API_ERROR_NOT_FOUND,
  CALBOOK_API_ERROR_BAD_REQUEST,
  CALBOOK_API_ERROR_VALIDATION,
  CALBOOK_API_ERROR_CONFLICT,
  CALBOOK_API_ERROR_RATE_LIMITED,
  CALBOOK_API_ERROR_SERVER,
  CALBOOK_API_ERROR_INVALID_RESPONSE,
} CalbookApiError;

/**
 * CalbookBookingError:
 * @CALBOOK_BOOKING_ERROR_MISSING_FIELD: a required field (uid, start, end) is absent
 * @CALBOOK_BOOKING_ERROR_WRONG_TYPE: a field has a JSON type other than documented
 * @CALBOOK_BOOKING_ERROR_INVALID_VALUE: a field has the right type but an unusable value (bad date)
 * @CALBOOK_BOOKING_ERROR_INVALID_JSON: the text is not JSON, or not an object
 */
typedef enum
{
  CALBOOK_BOOKING_ERROR_MISSING_FIELD,
  CALBOOK_BOOKING_ERROR_WRONG_TYPE,
  CALBOOK_BOOKING_ERROR_INVALID_VALUE,
  CALBOOK_BOOKING_ERROR_INVALID_JSON,
} CalbookBookingError;

/**
 * CalbookStoreError:
 * @CALBOOK_STORE_ERROR_OPEN: the file or its folder could not be created or opened
 * @CALBOOK_STORE_ERROR_CORRUPT: the file is damaged (integrity check failed, not a database)
 * @CALBOOK_STORE_ERROR_FOREIGN: the file is a SQLite database, but not one of Calbook's
 * @CALBOOK_STORE_ERROR_TOO_NEW: written by a newer Calbook; left untouched
 * @CALBOOK_STORE_ERROR_QUERY: a statement failed (disk full, locked, ...)
 * @CALBOOK_STORE_ERROR_NOT_FOUND: no row with that key
 */
typedef enum
{
  CALBOOK_STORE_ERROR_OPEN,
  CALBOOK_STORE_ERROR_CORRUPT,
  CALBOOK_STORE_ERROR_FOREIGN,
  CALBOOK_STORE_ERROR_TOO_NEW,
  CALBOOK_STORE_ERROR_QUERY,
  CALBOOK_STORE_ERROR_NOT_FOUND,
} CalbookStoreError;

/**
 * CalbookSecretError:
 * @CALBOOK_SECRET_ERROR_NO_KEYRING: no Secret Service is running (never a fallback file)
 * @CALBOOK_SECRET_ERROR_LOCKED: the keyring stayed locked (the user dismissed the prompt)
 * @CALBOOK_SECRET_ERROR_FAILED: any other keyring failure
 */
typedef enum
{
  CALBOOK_SECRET_ERROR_NO_KEYRING,
  CALBOOK_SECRET_ERROR_LOCKED,
  CALBOOK_SECRET_ERROR_FAILED,
} CalbookSecretError;

#define CALBOOK_API_ERROR (calbook_api_error_quark ())
#define CALBOOK_BOOKING_ERROR (calbook_booking_error_quark ())
#define CALBOOK_STORE_ERROR (calbook_store_error_quark ())
#define CALBOOK_SECRET_ERROR (calbook_secret_error_quark ())

GQuark calbook_api_error_quark     (void);
GQuark calbook_booking_error_quark (void);
GQuark calbook_store_error_quark   (void);
GQuark calbook_secret_error_quark  (void);

G_END_DECLS
