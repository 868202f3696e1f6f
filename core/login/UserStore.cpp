#include "UserStore.h"

#include "core/common/Clock.h"

#include <QPointer>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <sodium.h>

UserStore::UserStore(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_repository(database)
    , m_clock(&clock)
{ }

QString UserStore::newId()
{
    static const bool initialised = sodium_init() >= 0;
    Q_UNUSED(initialised);
    unsigned char bytes[12];
    randombytes_buf(bytes, sizeof bytes);
    return QStringLiteral("auth0|")
        + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex());
}

Result<QString> UserStore::checkNew(const QString &email, const QString &password) const
{
    static const QRegularExpression shape(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    const QString trimmed = email.trimmed();
    if (!shape.match(trimmed).hasMatch())
        return Error(Error::Kind::Invalid, tr("Email is not valid."));
    if (password.size() < PasswordHasher::kMinLength)
        return Error(Error::Kind::Invalid, tr("Password is too weak"));
    auto taken = m_repository.findByEmail(trimmed);
    if (!taken)
        return taken.error();
    if (taken.value())
        return Error(Error::Kind::Conflict, tr("The user already exists."));
    return trimmed;
}

Result<User> UserStore::insertHashed(const QString &email, const QString &passwordHash, Origin origin)
{
    if (passwordHash.isEmpty())
        return Error(Error::Kind::Unavailable, tr("The password could not be hashed."));
    // Checked again: another caller may have taken the email while the password was being hashed.
    auto taken = m_repository.findByEmail(email);
    if (!taken)
        return taken.error();
    if (taken.value())
        return Error(Error::Kind::Conflict, tr("The user already exists."));
    User user;
    user.id = newId();
    user.email = email;
    user.passwordHash = passwordHash;
    user.createdAt = m_clock->now();
    user.updatedAt = user.createdAt;
    auto inserted = m_repository.insert(user);
    if (!inserted)
        return inserted.error();
    Q_EMIT userAdded(user.id, origin);
    return user;
}

Result<User> UserStore::create(const QString &email, const QString &password, Origin origin)
{
    auto checked = checkNew(email, password);
    if (!checked)
        return checked.error();
    return insertHashed(checked.value(), m_hasher.hash(password), origin);
}

void UserStore::createLater(const QString &email,
                            const QString &password,
                            Origin origin,
                            QObject *context,
                            std::function<void(Result<User>)> done)
{
    auto checked = checkNew(email, password);
    if (!checked) {
        QMetaObject::invokeMethod(
            context, [done, error = checked.error()] { done(error); }, Qt::QueuedConnection);
        return;
    }
    const PasswordHasher hasher = m_hasher;
    QPointer<UserStore> self(this);
    QtConcurrent::run([hasher, password] {
        return hasher.hash(password);
    }).then(context, [self, done, origin, trimmed = checked.value()](const QString &hash) {
        if (!self)
            return done(Error(Error::Kind::Unavailable, tr("The tenant was closed.")));
        done(self->insertHashed(trimmed, hash, origin));
    });
}

Result<User> UserStore::find(const QString &id) const
{
    return m_repository.find(id);
}

Result<std::optional<User>> UserStore::findByEmail(const QString &email) const
{
    return m_repository.findByEmail(email);
}

Result<QList<User>> UserStore::list(const QString &search) const
{
    return m_repository.list(search);
}

Result<UserPageRead> UserStore::page(const UserPage &request) const
{
    return m_repository.page(request);
}

Result<int> UserStore::count(const QString &search) const
{
    return m_repository.count(search);
}

bool UserStore::matches(const User &user, const QString &search)
{
    return sortKey(user).contains(search.trimmed().toLower());
}

bool UserStore::checkPassword(const User &user, const QString &password)
{
    return PasswordHasher::verify(user.passwordHash, password);
}

void UserStore::checkPasswordLater(const User &user,
                                   const QString &password,
                                   QObject *context,
                                   std::function<void(bool)> done)
{
    QtConcurrent::run([hash = user.passwordHash, password] {
        if (!hash.isEmpty())
            return PasswordHasher::verify(hash, password);
        // No account: the same work against a stand-in, so the time taken does not tell.
        static const QString standIn
            = PasswordHasher::interactive().hash(QStringLiteral("stand-in password"));
        PasswordHasher::verify(standIn, password);
        return false;
    }).then(context, [done](bool matches) { done(matches); });
}

Result<void> UserStore::update(User user)
{
    user.updatedAt = m_clock->now();
    auto written = m_repository.update(user);
    if (!written)
        return written;
    Q_EMIT userChanged(user.id);
    return {};
}

Result<void> UserStore::remove(const QString &id)
{
    auto removed = m_repository.remove(id);
    if (!removed)
        return removed;
    Q_EMIT userRemoved(id);
    return {};
}

Result<User> UserStore::change(const QString &id, const std::function<void(User &)> &edit)
{
    auto found = m_repository.find(id);
    if (!found)
        return found.error();
    User user = found.takeValue();
    edit(user);
    auto written = update(user);
    if (!written)
        return written.error();
    user.updatedAt = m_clock->now();
    return user;
}

Result<void> UserStore::setBlocked(const QString &id, bool blocked)
{
    auto changed = change(id, [blocked](User &user) { user.blocked = blocked; });
    if (!changed)
        return changed.error();
    Q_EMIT blockedChanged(id, blocked);
    return {};
}

Result<void> UserStore::resetMfa(const QString &id)
{
    auto changed = change(id, [](User &user) {
        user.phoneNumber.clear();
        user.phoneEnrolledAt = {};
    });
    if (!changed)
        return changed.error();
    Q_EMIT mfaReset(id);
    return {};
}

Result<void> UserStore::enrollPhone(const QString &id, const QString &e164)
{
    const QDateTime now = m_clock->now();
    auto changed = change(id, [&](User &user) {
        user.phoneNumber = e164;
        user.phoneEnrolledAt = now;
    });
    return changed ? Result<void>() : Result<void>(changed.error());
}

Result<User> UserStore::recordFailedLogin(const QString &id)
{
    const QDateTime now = m_clock->now();
    return change(id, [now](User &user) {
        if (user.lockedUntil.isValid() && user.lockedUntil <= now) {
            user.lockedUntil = {};
            user.failedLogins = 0;
        }
        ++user.failedLogins;
        if (user.failedLogins >= kMaxFailedLogins && !user.lockedUntil.isValid())
            user.lockedUntil = now.addSecs(kLockSecs);
    });
}

Result<User> UserStore::recordLogin(const QString &id)
{
    const QDateTime now = m_clock->now();
    return change(id, [now](User &user) {
        user.failedLogins = 0;
        user.lockedUntil = {};
        user.lastLogin = now;
        ++user.loginsCount;
    });
}

bool UserStore::isLocked(const User &user) const
{
    return user.lockedUntil.isValid() && m_clock->now() < user.lockedUntil;
}

bool UserStore::signUpsEnabled() const
{
    auto enabled = m_repository.signUpsEnabled();
    return enabled ? enabled.value() : true;
}

Result<void> UserStore::setSignUpsEnabled(bool enabled)
{
    const bool before = signUpsEnabled();
    auto written = m_repository.setSignUpsEnabled(enabled);
    if (written && before != enabled)
        Q_EMIT signUpsEnabledChanged(enabled);
    return written;
}
