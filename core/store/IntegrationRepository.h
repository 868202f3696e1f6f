#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;

/**
 * @brief The SQL for installed integrations. Callers validate; this class only reads and writes rows.
 *
 * Configuration is kept as a JSON object and the names of the secrets set as a JSON array; secret
 * values never reach this class.
 */
class IntegrationRepository
{
    Q_DECLARE_TR_FUNCTIONS(IntegrationRepository)

public:
    explicit IntegrationRepository(Database &database);

    /// All integrations, sorted by name (ignoring case), then id.
    Result<QList<Integration>> list() const;
    Result<Integration> find(const QString &id) const;
    /// The integration installed from catalog entry @p catalogId; nothing when there is none.
    Result<std::optional<Integration>> findByCatalogId(const QString &catalogId) const;

    Result<void> insert(const Integration &integration);
    /**
     * @brief Writes @p integration if its revision is still the stored one, and bumps the revision.
     * @return Conflict when the row changed since @p integration was read; NotFound when it is gone.
     */
    Result<void> update(const Integration &integration);
    Result<void> remove(const QString &id);

private:
    Database &m_database;
};
