#include "LogStore.h"

#include "core/common/Clock.h"
#include "core/phone/PhoneNumber.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <sodium.h>

#include <atomic>

namespace {

struct TypeInfo
{
    const char *code;
    const char *description;
};

constexpr TypeInfo kTypes[] = {
    {"s", "Success Login"},
    {"f", "Failed Login"},
    {"fp", "Failed Login (Incorrect Password)"},
    {"fu", "Failed Login (Invalid Email/Username)"},
    {"ss", "Success Signup"},
    {"fs", "Failed Signup"},
    {"limit_wc", "Blocked Account"},
    {"gd_start_enroll", "Multi-factor authentication enroll has started"},
    {"gd_enrollment_complete", "Guardian - Enrollment complete"},
    {"gd_start_auth", "Second factor started"},
    {"gd_send_sms", "Second factor SMS sent"},
    {"gd_send_sms_failure", "Error sending MFA SMS"},
    {"gd_auth_succeed", "MFA Auth success"},
    {"gd_auth_failed", "MFA Auth failed"},
    {"gd_otp_rate_limit_exceed", "Too many failures"},
    {"actions_execution_failed", "Action execution failed"},
    {"sapi", "Success API Operation"},
    {"seacft", "Success Exchange (Authorization Code for Access Token)"},
    {"feacft", "Failed Exchange (Authorization Code for Access Token)"},
    {"sertft", "Success Exchange (Refresh Token for Access Token)"},
    {"fertft", "Failed Exchange (Refresh Token for Access Token)"},
    {"seccft", "Success Exchange (Client Credentials for Access Token)"},
    {"feccft", "Failed Exchange (Client Credentials for Access Token)"},
    {"ssa", "Success Silent Auth"},
    {"fsa", "Failed Silent Auth"},
    {"slo", "Success Logout"},
};

/// The date, a sequence number (so that events of one millisecond keep their order) and random digits.
QString newLogId(const QDateTime &date)
{
    static const bool initialised = sodium_init() >= 0;
    Q_UNUSED(initialised);
    static std::atomic<quint32> sequence {0};
    unsigned char bytes[6];
    randombytes_buf(bytes, sizeof bytes);
    return date.toUTC().toString(QStringLiteral("yyyyMMddHHmmsszzz"))
        + QStringLiteral("%1").arg(sequence++ % 100000000u, 8, 10, QLatin1Char('0'))
        + QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex());
}

} // namespace

LogStore::LogStore(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_repository(database)
    , m_clock(&clock)
{ }

QStringList LogStore::knownTypes()
{
    QStringList types;
    for (const TypeInfo &info : kTypes)
        types.append(QLatin1String(info.code));
    return types;
}

QString LogStore::describe(const QString &type)
{
    for (const TypeInfo &info : kTypes) {
        if (type == QLatin1String(info.code))
            return QLatin1String(info.description);
    }
    return type;
}

QString LogStore::maskPhone(const QString &e164)
{
    return PhoneNumber::masked(e164);
}

QString LogStore::maskPhonesIn(const QString &text)
{
    // E.164 and the usual ways of writing it: "+15554443232", "+1 555 444 3232", "+1-555-444-3232".
    static const QRegularExpression number(QStringLiteral("\\+\\d(?:[ .-]?\\d){6,14}"));
    QString out = text;
    QRegularExpressionMatchIterator it = number.globalMatch(text);
    QList<QRegularExpressionMatch> matches;
    while (it.hasNext())
        matches.prepend(it.next());
    static const QRegularExpression separators(QStringLiteral("[ .-]"));
    for (const QRegularExpressionMatch &match : matches) {
        QString e164 = match.captured();
        e164.remove(separators);
        out.replace(match.capturedStart(), match.capturedLength(), maskPhone(e164));
    }
    return out;
}

Result<LogEvent> LogStore::record(LogEvent event)
{
    event.date = m_clock->now();
    event.logId = newLogId(event.date);
    if (event.description.isEmpty())
        event.description = describe(event.type);
    // No field of a log keeps a full phone number, whatever a caller put where.
    for (QString *field :
         {&event.description, &event.clientName, &event.userName, &event.userAgent, &event.ip})
        *field = maskPhonesIn(*field);
    const QString details
        = maskPhonesIn(QString::fromUtf8(QJsonDocument(event.details).toJson(QJsonDocument::Compact)));
    event.details = QJsonDocument::fromJson(details.toUtf8()).object();
    auto inserted = m_repository.insert(event);
    if (!inserted) {
        ++m_failedRecords;
        Q_EMIT recordFailed(event, inserted.error().message());
        return inserted.error();
    }
    Q_EMIT recorded(event);
    pruneIfDue();
    return event;
}

Result<QList<LogEvent>> LogStore::query(const LogFilter &filter)
{
    pruneIfDue();
    return m_repository.select(filter);
}

Result<LogPageRead> LogStore::page(const LogFilter &filter)
{
    pruneIfDue();
    return m_repository.page(filter);
}

Result<LogEvent> LogStore::find(const QString &logId)
{
    pruneIfDue();
    return m_repository.find(logId);
}

Result<int> LogStore::count(const LogFilter &filter, int atMost)
{
    pruneIfDue();
    return m_repository.count(filter, atMost);
}

Result<QStringList> LogStore::types() const
{
    return m_repository.types();
}

bool LogStore::matches(const LogFilter &filter, const LogEvent &event)
{
    if (!filter.type.isEmpty() && event.type != filter.type)
        return false;
    if (!filter.userId.isEmpty() && event.userId != filter.userId)
        return false;
    if (const QString user = filter.userText.trimmed(); !user.isEmpty()
        && !event.userName.startsWith(user, Qt::CaseInsensitive)
        && !event.userId.startsWith(user, Qt::CaseInsensitive))
        return false;
    if (filter.from.isValid() && event.date < filter.from)
        return false;
    return !filter.to.isValid() || event.date < filter.to;
}

Result<int> LogStore::prune(int days)
{
    return m_repository.removeOlderThan(m_clock->now().addDays(-qMax(0, days)));
}

void LogStore::setRetentionDays(int days)
{
    m_retentionDays = qMax(0, days);
    m_lastPruned = {};
}

void LogStore::pruneIfDue()
{
    const QDateTime now = m_clock->now();
    if (m_retentionDays == 0 || (m_lastPruned.isValid() && m_lastPruned.secsTo(now) < 3600))
        return;
    m_lastPruned = now;
    if (auto pruned = prune(m_retentionDays); !pruned)
        qWarning("Log events could not be pruned: %s", qPrintable(pruned.error().message()));
}
