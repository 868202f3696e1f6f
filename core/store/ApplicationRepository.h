#pragma once

#include "core/common/Result.h"
#include "core/model/Application.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

class Database;

/**
 * @brief The SQL for applications. Callers validate; this class only reads and writes rows.
 */
class ApplicationRepository
{
    Q_DECLARE_TR_FUNCTIONS(ApplicationRepository)

public:
    explicit ApplicationRepository(Database &database);

    Result<QList<ApplicationSummary>> summaries() const;
    Result<Application> find(const QString &clientId) const;
    /// Whole applications in summaries()' order: @p limit of them (all when negative) from @p offset.
    Result<QList<Application>> page(int offset, int limit) const;
    Result<int> count() const;
    /**
     * @brief The first application of @p type by name; with @p withUrls, only one whose callback URLs and
     *        web origins are both set. Nothing when there is none.
     */
    Result<std::optional<ApplicationSummary>> firstOfType(ApplicationType type, bool withUrls) const;

    Result<void> insert(const Application &application);
    /**
     * @brief Writes @p application if its revision is still the stored one, and bumps the revision.
     * @return Conflict when the row changed since @p application was read; NotFound when it is gone.
     */
    Result<void> update(const Application &application);
    Result<void> remove(const QString &clientId);

private:
    Database &m_database;
};
