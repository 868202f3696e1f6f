#include "ScreenshotUsers.h"

#include "core/applications/ApplicationService.h"
#include "core/common/Clock.h"
#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/logs/LogStore.h"
#include "core/model/LogEvent.h"
#include "core/tenant/Tenant.h"

#include <QCoreApplication>
#include <QDateTime>

namespace ScreenshotUsers {

QString seed(Tenant &tenant)
{
    struct Person
    {
        const char *email;
        const char *phone; ///< empty: not enrolled
    };
    static const Person people[] = {{"ada.lovelace@example.com", "+15554443232"},
                                    {"grace.hopper@example.com", "+447700900123"},
                                    {"alan.turing@corp.io", ""},
                                    {"katherine.johnson@example.com", "+15550001111"},
                                    {"linus.t@shop.dev", ""},
                                    {"margaret.hamilton@example.com", "+33612345678"}};
    auto spa = tenant.applications().firstOfType(ApplicationType::SinglePage, false);
    UserStore &users = tenant.users();
    LogStore &logs = tenant.logs();
    // An hour of a tenant in use, ending a little after the rendering, so that these events come
    // first in Logs (above the API operations the seeding itself records).
    FakeClock clock(QDateTime::currentDateTimeUtc().addSecs(-2700));
    logs.setClock(clock);
    users.setPasswordHasher(PasswordHasher::minimal()); // a scratch tenant: no need for the slow hash
    const auto record
        = [&](const QString &type, const QString &userId, const QString &email, const QString &text) {
              LogEvent event;
              event.type = type;
              event.description = text;
              event.userId = userId;
              event.userName = email;
              event.clientId = spa && spa.value() ? spa.value()->clientId : QString();
              event.clientName = spa && spa.value() ? spa.value()->name : QString();
              event.ip = QStringLiteral("203.0.113.24");
              auto recorded = logs.record(event);
              clock.advanceSecs(type == QLatin1String("s") ? 540 : 20);
              return recorded ? QString() : recorded.error().message();
          };
    QString error;
    for (const Person &person : people) {
        const QString email = QLatin1String(person.email);
        auto user = users.create(email, QStringLiteral("screenshots only"));
        if (!user) {
            error = user.error().message();
            break;
        }
        const QString id = user.value().id;
        const QString phone = QLatin1String(person.phone);
        if (phone.isEmpty()) {
            error = record(QStringLiteral("fp"),
                           id,
                           email,
                           QCoreApplication::translate("ScreenshotUsers", "Wrong email or password."));
            if (error.isEmpty())
                error = record(QStringLiteral("s"), id, email, {});
        } else {
            if (auto enrolled = users.enrollPhone(id, phone); !enrolled)
                error += enrolled.error().message();
            for (const QString &type : {QStringLiteral("gd_start_auth"), QStringLiteral("gd_send_sms")})
                error += record(
                    type,
                    id,
                    email,
                    type == QLatin1String("gd_send_sms")
                        ? QCoreApplication::translate("ScreenshotUsers", "SMS sent to %1").arg(phone)
                        : QString());
            error += record(QStringLiteral("gd_auth_succeed"), id, email, {});
            error += record(QStringLiteral("s"), id, email, {});
        }
        if (auto logged = users.recordLogin(id); !logged)
            error += logged.error().message();
        if (email.startsWith(QLatin1String("linus"))) {
            error += record(QStringLiteral("limit_wc"), id, email, {});
            if (auto blocked = users.block(id); !blocked)
                error += blocked.error().message();
        }
        if (!error.isEmpty())
            break;
    }
    if (error.isEmpty())
        error = record(QStringLiteral("fu"),
                       {},
                       QStringLiteral("nobody@example.com"),
                       QCoreApplication::translate("ScreenshotUsers", "Wrong email or password."));
    logs.setClock(SystemClock::instance());
    users.setPasswordHasher(PasswordHasher::interactive());
    return error;
}

} // namespace ScreenshotUsers
