#include "CrashWriter.h"

#include "core/actions/CustomActionJob.h"
#include "core/actions/CustomActionService.h"
#include "core/actions/IntegrationJob.h"
#include "core/actions/IntegrationService.h"
#include "core/applications/ApplicationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"
#include "core/flows/FlowService.h"
#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"
#include "core/login/PasswordHasher.h"
#include "core/login/UserStore.h"
#include "core/plivo/PlivoSandbox.h"
#include "core/tenant/DemoSeeder.h"
#include "core/tenant/SetupChecklist.h"
#include "core/tenant/Tenant.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

const QString kTrigger = QStringLiteral("send-phone-message");
const QString kPlivo = QStringLiteral("plivo");

/// A value of the shape of a Plivo Auth Token or an API key, new each time.
QByteArray newToken(QRandomGenerator &random)
{
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    QByteArray token("tok");
    for (int i = 0; i < 33; ++i)
        token.append(alphabet[random.bounded(int(sizeof alphabet) - 1)]);
    return token;
}

QString code(QRandomGenerator &random)
{
    return QStringLiteral("// round %1\nexports.onExecuteSendPhoneMessage = async (event, api) => {};\n")
        .arg(random.generate());
}

} // namespace

CrashWriter::CrashWriter(Tenant &tenant, quint32 seed, QObject *parent)
    : QObject(parent)
    , m_tenant(tenant)
    , m_random(seed)
{
    m_tenant.users().setPasswordHasher(PasswordHasher::minimal());
}

CrashWriter::~CrashWriter() = default;

void CrashWriter::start()
{
    QTimer::singleShot(0, this, &CrashWriter::next);
}

void CrashWriter::say(const char *operation)
{
    std::printf("op %d %s\n", ++m_round, operation);
    std::fflush(stdout);
}

void CrashWriter::next()
{
    using Operation = void (CrashWriter::*)();
    static const Operation operations[] = {&CrashWriter::createApplication,
                                           &CrashWriter::deleteApplication,
                                           &CrashWriter::changePlivo,
                                           &CrashWriter::changeCustomAction,
                                           &CrashWriter::deployCustomAction,
                                           &CrashWriter::applyFlow,
                                           &CrashWriter::importTenant,
                                           &CrashWriter::signUpAndEnroll};
    const Operation operation = operations[m_random.bounded(int(std::size(operations)))];
    // From the event loop: an operation that ends at once does not nest the next one inside it.
    QTimer::singleShot(0, this, [this, operation] { (this->*operation)(); });
}

void CrashWriter::createApplication()
{
    say("create-application");
    if (m_tenant.applications().count().value() < 8) {
        const auto created = m_tenant.applications().create(
            {QStringLiteral("Writer app %1").arg(m_round), ApplicationType::RegularWeb, {}, {}});
        if (!created)
            std::fprintf(stderr, "%s\n", qPrintable(created.error().message()));
    }
    next();
}

void CrashWriter::deleteApplication()
{
    say("delete-application");
    const auto applications = m_tenant.applications().list();
    if (applications && !applications.value().isEmpty()) {
        const QString id
            = applications.value().at(m_random.bounded(int(applications.value().size()))).clientId;
        if (const auto removed = m_tenant.applications().remove(id); !removed)
            std::fprintf(stderr, "%s\n", qPrintable(removed.error().message()));
    }
    next();
}

void CrashWriter::changePlivo()
{
    IntegrationService &integrations = m_tenant.integrations();
    const auto installed = integrations.findByCatalogId(kPlivo);
    IntegrationJob *job = nullptr;
    if (!installed || !installed.value()) {
        say("install-plivo");
        job = integrations.install(
            kPlivo,
            {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+1 555 444 3232")}},
            {{QStringLiteral("PLIVO_AUTH_ID"), QByteArrayLiteral("MAABCDEFGHJK12345678")},
             {QStringLiteral("PLIVO_AUTH_TOKEN"), newToken(m_random)}},
            true);
    } else if (m_random.bounded(4) != 0) {
        say("reconfigure-plivo");
        job = integrations.reconfigure(*installed.value(),
                                       {{QStringLiteral("PLIVO_AUTH_TOKEN"), newToken(m_random)}});
    } else {
        say("uninstall-plivo");
        job = integrations.uninstall(installed.value()->id);
    }
    connect(job, &IntegrationJob::finished, this, &CrashWriter::next);
}

void CrashWriter::changeCustomAction()
{
    CustomActionService &actions = m_tenant.customActions();
    const auto existing = actions.list(kTrigger);
    if (!existing || existing.value().size() < 3) {
        say("create-action");
        if (const auto created
            = actions.create(QStringLiteral("Writer action %1").arg(m_random.generate()), kTrigger);
            !created)
            std::fprintf(stderr, "%s\n", qPrintable(created.error().message()));
        return next();
    }
    const CustomAction action = existing.value().at(m_random.bounded(int(existing.value().size())));
    CustomActionJob *job = nullptr;
    switch (m_random.bounded(4)) {
    case 0:
        say("delete-action");
        job = actions.remove(action.id);
        break;
    case 1:
        if (!action.secretNames().isEmpty()) {
            say("remove-action-secret");
            job = actions.removeSecret(action.id, action.secretNames().constFirst());
            break;
        }
        Q_FALLTHROUGH();
    default:
        say("set-action-secret");
        job = actions.setSecret(action.id,
                                m_random.bounded(2) ? QStringLiteral("API_KEY") : QStringLiteral("TOKEN"),
                                newToken(m_random));
        break;
    }
    connect(job, &CustomActionJob::finished, this, &CrashWriter::next);
}

void CrashWriter::deployCustomAction()
{
    CustomActionService &actions = m_tenant.customActions();
    const auto existing = actions.list(kTrigger);
    if (!existing || existing.value().isEmpty())
        return changeCustomAction();
    say("deploy-action");
    const CustomAction action = existing.value().at(m_random.bounded(int(existing.value().size())));
    const auto saved = actions.saveDraft(action.id, code(m_random), {}, action.revision);
    if (!saved)
        return next();
    connect(actions.deploy(action.id), &CustomActionJob::finished, this, &CrashWriter::next);
}

void CrashWriter::applyFlow()
{
    say("apply-flow");
    QList<Binding> bindings;
    for (const ActionRef &action : m_tenant.flows().availableActions(kTrigger)) {
        // Plivo stays in the flow (the sign-ups need it); the custom actions come and go.
        const bool keep = action.kind == Binding::Kind::Integration || m_random.bounded(3) != 0;
        if (action.available && action.complete && keep)
            bindings.append(action.toBinding());
    }
    std::shuffle(bindings.begin(), bindings.end(), m_random);
    if (const auto applied = m_tenant.flows().apply(kTrigger, bindings); !applied)
        std::fprintf(stderr, "%s\n", qPrintable(applied.error().message()));
    next();
}

void CrashWriter::importTenant()
{
    say("import");
    const QJsonObject secret {{QStringLiteral("name"), QStringLiteral("IMPORTED_KEY")},
                              {QStringLiteral("value"), QString::fromLatin1(newToken(m_random))}};
    const QJsonObject action {{QStringLiteral("name"), QStringLiteral("Imported action")},
                              {QStringLiteral("code"), code(m_random)},
                              {QStringLiteral("runtime"), QStringLiteral("node18")},
                              {QStringLiteral("deployed"), m_random.bounded(2) == 0},
                              {QStringLiteral("secrets"), QJsonArray {secret}},
                              {QStringLiteral("supported_triggers"),
                               QJsonArray {QJsonObject {{QStringLiteral("id"), kTrigger},
                                                        {QStringLiteral("version"), QStringLiteral("v2")}}}}};
    const QJsonObject client {{QStringLiteral("name"), QStringLiteral("Imported app")},
                              {QStringLiteral("app_type"), QStringLiteral("regular_web")}};
    const QJsonObject document {{QStringLiteral("clients"), QJsonArray {client}},
                                {QStringLiteral("actions"), QJsonArray {action}}};
    const QString folder = m_files.filePath(QStringLiteral("import-%1").arg(m_round));
    const auto written = TenantFiles::write(document, folder, TenantFiles::Format::Yaml);
    const auto files = written ? TenantFiles::read(folder) : Result<TenantFiles>(written.error());
    const auto plan
        = files ? ImportPlan::make(m_tenant, files.value(), {}) : Result<ImportPlan>(files.error());
    if (!plan) {
        std::fprintf(stderr, "%s\n", qPrintable(plan.error().message()));
        return next();
    }
    auto *importer = new TenantImporter(m_tenant, this);
    connect(importer, &TenantImporter::finished, this, [this, importer] {
        importer->deleteLater();
        next();
    });
    importer->apply(plan.value());
}

void CrashWriter::signUpAndEnroll()
{
    SetupChecklist checklist(m_tenant);
    const QList<SetupChecklist::Item> items = checklist.items();
    if (!std::all_of(items.cbegin(), items.cend(), [](const SetupChecklist::Item &item) {
            return item.state == SetupChecklist::State::Done;
        }))
        return seedDemo();
    say("sign-up-and-enroll");
    m_login = std::make_unique<LoginTransaction>(m_tenant.login(), LoginContext {});
    connect(m_login.get(),
            &LoginTransaction::stateChanged,
            this,
            &CrashWriter::answerLogin,
            Qt::QueuedConnection);
    connect(
        m_login.get(), &LoginTransaction::busyChanged, this, &CrashWriter::answerLogin, Qt::QueuedConnection);
    m_login->signUp(QStringLiteral("writer%1.%2@example.com").arg(m_round).arg(m_random.generate()),
                    QStringLiteral("correct horse battery staple"));
}

void CrashWriter::answerLogin()
{
    if (!m_login || m_login->isBusy())
        return;
    switch (m_login->state()) {
    case LoginTransaction::State::Enroll:
        m_login->enroll(QStringLiteral("US"),
                        QStringLiteral("201 555 %1").arg(1000 + m_random.bounded(9000)));
        return;
    case LoginTransaction::State::Challenge: {
        static const QRegularExpression digits(QStringLiteral("\\b([0-9]{6})\\b"));
        const QString text = m_tenant.sms().sandbox().messages().value(0).text;
        m_login->verify(digits.match(text).captured(1));
        return;
    }
    case LoginTransaction::State::Done:
    case LoginTransaction::State::Failed:
    case LoginTransaction::State::Login:
    case LoginTransaction::State::SignUp:
        break;
    }
    m_login.release()->deleteLater();
    next();
}

void CrashWriter::seedDemo()
{
    say("seed-demo");
    auto *seeder = new DemoSeeder(m_tenant, this);
    connect(seeder, &DemoSeeder::finished, this, [this, seeder] {
        seeder->deleteLater();
        next();
    });
    seeder->start();
}
