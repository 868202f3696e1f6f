#include "UserRepository.h"

#include "core/store/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kColumns = QStringLiteral(
    "id, email, password_hash, created_at, updated_at, last_login, logins_count, blocked, failed_logins, "
    "locked_until, phone_number, phone_enrolled_at");

QString toText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("");
}

QDateTime fromText(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeSpec(Qt::UTC);
    return time;
}

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

User fromRow(const QSqlQuery &query)
{
    User user;
    user.id = query.value(0).toString();
    user.email = query.value(1).toString();
    user.passwordHash = query.value(2).toString();
    user.createdAt = fromText(query.value(3).toString());
    user.updatedAt = fromText(query.value(4).toString());
    user.lastLogin = fromText(query.value(5).toString());
    user.loginsCount = query.value(6).toInt();
    user.blocked = query.value(7).toInt() != 0;
    user.failedLogins = query.value(8).toInt();
    user.lockedUntil = fromText(query.value(9).toString());
    user.phoneNumber = query.value(10).toString();
    user.phoneEnrolledAt = fromText(query.value(11).toString());
    return user;
}

void bindValues(QSqlQuery &query, const User &user)
{
    query.addBindValue(text(user.email));
    query.addBindValue(user.email.toLower());
    query.addBindValue(text(user.passwordHash));
    query.addBindValue(toText(user.createdAt));
    query.addBindValue(toText(user.updatedAt));
    query.addBindValue(toText(user.lastLogin));
    query.addBindValue(user.loginsCount);
    query.addBindValue(user.blocked ? 1 : 0);
    query.addBindValue(user.failedLogins);
    query.addBindValue(toText(user.lockedUntil));
    query.addBindValue(text(user.phoneNumber));
    query.addBindValue(toText(user.phoneEnrolledAt));
}

/// An FTS5 query for the emails that contain @p search: a phrase (trigrams in a row) in email_key.
QString emailPhrase(QString search)
{
    return QStringLiteral("email_key : \"%1\"").arg(search.replace(QLatin1Char('"'), QStringLiteral("\"\"")));
}

} // namespace

UserRepository::UserRepository(Database &database)
    : m_database(database)
{ }

Result<User> UserRepository::find(const QString &id) const
{
    Database::Statement query = m_database.statement(QStringLiteral("SELECT ") + kColumns
                                                     + QStringLiteral(" FROM users WHERE id = ?"));
    query->addBindValue(id);
    if (!query->exec())
        return Database::storageError(UserRepository::tr("read the user"), *query);
    if (!query->next())
        return Error(Error::Kind::NotFound, UserRepository::tr("The user no longer exists."));
    return fromRow(*query);
}

Result<std::optional<User>> UserRepository::findByEmail(const QString &email) const
{
    Database::Statement query = m_database.statement(QStringLiteral("SELECT ") + kColumns
                                                     + QStringLiteral(" FROM users WHERE email_key = ?"));
    query->addBindValue(email.trimmed().toLower());
    if (!query->exec())
        return Database::storageError(UserRepository::tr("look for the user"), *query);
    if (!query->next())
        return std::optional<User>();
    return std::optional<User>(fromRow(*query));
}

Result<QList<User>> UserRepository::list(const QString &search) const
{
    QSqlQuery query = m_database.prepare(
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE ")
        + m_database.dialect().contains(QStringLiteral("email_key")) + QStringLiteral(" ORDER BY email_key"));
    query.addBindValue(text(search.trimmed().toLower()));
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(UserRepository::tr("list the users"), query);
    QList<User> users;
    while (query.next())
        users.append(fromRow(query));
    return users;
}

Result<QString> UserRepository::keyAfter(const QString &after, int count) const
{
    QSqlQuery query = m_database.prepare(QStringLiteral(
        "SELECT email_key FROM users WHERE email_key > ? ORDER BY email_key LIMIT 1 OFFSET ?"));
    query.addBindValue(text(after));
    query.addBindValue(qMax(0, count - 1));
    if (!query.exec())
        return Database::storageError(UserRepository::tr("search the users"), query);
    return query.next() ? query.value(0).toString() : QString();
}

Result<UserPageRead> UserRepository::page(const UserPage &request) const
{
    const QString search = request.search.trimmed().toLower();
    // Few matches: take them from the trigram index and sort them. Many: walk the emails in order and
    // keep the matching ones, which soon fills a page. Short searches have no trigram: walk too, as does
    // an engine without the index.
    bool fromIndex = false;
    if (search.size() >= 3 && m_database.dialect().hasUserSearchIndex()) {
        QSqlQuery count = m_database.prepare(QStringLiteral(
            "SELECT count(*) FROM (SELECT 1 FROM users_search WHERE users_search MATCH ? LIMIT ?) AS hits"));
        count.addBindValue(emailPhrase(search));
        count.addBindValue(kIndexedMatchesAtMost + 1);
        if (!count.exec() || !count.next())
            return Database::storageError(UserRepository::tr("search the users"), count);
        fromIndex = count.value(0).toInt() <= kIndexedMatchesAtMost;
    }
    QStringList where {QStringLiteral("email_key > ?")};
    QVariantList values {text(request.after)};
    if (fromIndex) {
        where.append(QStringLiteral("id IN (SELECT id FROM users_search WHERE users_search MATCH ?)"));
        values.append(emailPhrase(search));
    } else if (!search.isEmpty()) {
        where.append(m_database.dialect().contains(QStringLiteral("email_key")));
        values.append(search);
    }
    // A bounded walk: no further than the examineAtMost-th email past `after`.
    QString bound;
    if (!fromIndex && !search.isEmpty() && request.examineAtMost > 0 && request.through.isEmpty()) {
        auto key = keyAfter(request.after, request.examineAtMost);
        if (!key)
            return key.error();
        bound = key.value();
        if (!bound.isEmpty()) {
            where.append(QStringLiteral("email_key <= ?"));
            values.append(bound);
        }
    }
    if (!request.through.isEmpty()) {
        where.append(QStringLiteral("email_key <= ?"));
        values.append(request.through);
    }
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM users WHERE ")
        + where.join(QStringLiteral(" AND ")) + QStringLiteral(" ORDER BY email_key");
    if (request.through.isEmpty()) {
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
        values.append(qMax(0, request.limit));
        values.append(qMax(0, request.offset));
    }
    QSqlQuery query = m_database.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    query.setForwardOnly(true);
    if (!query.exec())
        return Database::storageError(UserRepository::tr("list the users"), query);
    UserPageRead read;
    while (query.next())
        read.users.append(fromRow(query));
    const bool full = request.through.isEmpty() && read.users.size() >= request.limit;
    if (full)
        read.resumeAfter = read.users.constLast().email.toLower();
    else if (!bound.isEmpty())
        read.resumeAfter = bound;
    else if (!request.through.isEmpty())
        read.resumeAfter = qMax(request.through, request.after);
    else
        read.resumeAfter = read.users.isEmpty() ? request.after : read.users.constLast().email.toLower();
    read.atEnd = request.through.isEmpty() && !full && bound.isEmpty();
    return read;
}

Result<int> UserRepository::count(const QString &search) const
{
    QSqlQuery query = m_database.prepare(QStringLiteral("SELECT count(*) FROM users WHERE ")
                                         + m_database.dialect().contains(QStringLiteral("email_key")));
    query.addBindValue(text(search.trimmed().toLower()));
    if (!query.exec() || !query.next())
        return Database::storageError(UserRepository::tr("count the users"), query);
    return query.value(0).toInt();
}

namespace {

const QString kInsert
    = QStringLiteral("INSERT INTO users (email, email_key, password_hash, created_at, updated_at, "
                     "last_login, logins_count, blocked, failed_logins, locked_until, "
                     "phone_number, phone_enrolled_at, id) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

} // namespace

Result<void> UserRepository::insert(const User &user)
{
    // In a transaction of its own (a savepoint inside one already open): on PostgreSQL a failed statement
    // spoils the transaction it is in, and the lookup below has to run after it.
    auto inserted = m_database.transaction([&]() -> Result<void> {
        QSqlQuery query = m_database.prepare(kInsert);
        bindValues(query, user);
        query.addBindValue(user.id);
        if (!query.exec())
            return Database::storageError(UserRepository::tr("add the user"), query);
        return {};
    });
    if (!inserted) {
        auto taken = findByEmail(user.email);
        if (taken && taken.value())
            return Error(Error::Kind::Conflict, UserRepository::tr("The user already exists."));
    }
    return inserted;
}

Result<void> UserRepository::insertMany(int count, const std::function<User(int)> &make)
{
    return m_database.transaction([&]() -> Result<void> {
        QSqlQuery query = m_database.prepare(kInsert);
        for (int i = 0; i < count; ++i) {
            const User user = make(i);
            bindValues(query, user);
            query.addBindValue(user.id);
            if (!query.exec())
                return Database::storageError(UserRepository::tr("add the user %1").arg(user.email), query);
        }
        return {};
    });
}

Result<void> UserRepository::update(const User &user)
{
    Database::Statement query = m_database.statement(
        QStringLiteral("UPDATE users SET email = ?, email_key = ?, password_hash = ?, created_at = ?, "
                       "updated_at = ?, last_login = ?, logins_count = ?, blocked = ?, failed_logins = ?, "
                       "locked_until = ?, phone_number = ?, phone_enrolled_at = ? WHERE id = ?"));
    bindValues(*query, user);
    query->addBindValue(user.id);
    if (!query->exec())
        return Database::storageError(UserRepository::tr("save the user"), *query);
    if (query->numRowsAffected() == 0)
        return Error(Error::Kind::NotFound, UserRepository::tr("The user no longer exists."));
    return {};
}

Result<void> UserRepository::remove(const QString &id)
{
    QSqlQuery query = m_database.prepare(QStringLiteral("DELETE FROM users WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec())
        return Database::storageError(UserRepository::tr("delete the user"), query);
    if (query.numRowsAffected() == 0)
        return Error(Error::Kind::NotFound, UserRepository::tr("The user no longer exists."));
    return {};
}

Result<bool> UserRepository::signUpsEnabled() const
{
    Database::Statement query
        = m_database.statement(QStringLiteral("SELECT signups_enabled FROM login_settings WHERE id = 1"));
    if (!query->exec())
        return Database::storageError(UserRepository::tr("read the login settings"), *query);
    return query->next() ? query->value(0).toInt() != 0 : true;
}

Result<void> UserRepository::setSignUpsEnabled(bool enabled)
{
    return m_database.transaction([&]() -> Result<void> {
        QSqlQuery removal = m_database.prepare(QStringLiteral("DELETE FROM login_settings WHERE id = 1"));
        if (!removal.exec())
            return Database::storageError(UserRepository::tr("save the login settings"), removal);
        QSqlQuery query = m_database.prepare(
            QStringLiteral("INSERT INTO login_settings (id, signups_enabled) VALUES (1, ?)"));
        query.addBindValue(enabled ? 1 : 0);
        if (!query.exec())
            return Database::storageError(UserRepository::tr("save the login settings"), query);
        return {};
    });
}
