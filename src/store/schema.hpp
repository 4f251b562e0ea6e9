// The store's schema: an ordered list of migrations and the `schema_version` table.
#pragma once

#include "base/status.hpp"
#include "store/sqlite_db.hpp"

namespace nara::store {

// The schema version this build writes and reads.
int CurrentSchemaVersion();

// Brings the store up to CurrentSchemaVersion(), applying each missing migration in order, each
// in its own transaction with its version row, so a store is always at one known version.
// Fails with kInvalidInput when the store was written by a newer Nära (its version is higher).
Status Migrate(Db& db);

// The store's version (0 for an empty file), or an error when it is not a Nära store.
Result<int> SchemaVersion(Db& db);

}  // namespace nara::store
