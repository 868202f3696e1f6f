#include "KeyringFaultFixture.h"

#include "core/store/Database.h"
#include "tests/support/RawSql.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QSysInfo>

bool KeyringFaultFixture::openFresh()
{
    m_temp = std::make_unique<TempTenant>();
    if (!m_temp->isValid()) {
        qWarning("%s", qPrintable(m_temp->error()));
        return false;
    }
    m_temp->close();
    m_keyring = std::make_unique<UnreliableKeyring>();
    return open() && waitForRecovery().isEmpty();
}

void KeyringFaultFixture::closeAll()
{
    m_tenant.reset();
    m_keyring.reset();
    m_temp.reset();
}

bool KeyringFaultFixture::open()
{
    auto opened = Tenant::open(m_temp->path(), *m_keyring);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message()));
        return false;
    }
    m_tenant = opened.takeValue();
    return true;
}

QList<SecretRecovery::Notice> KeyringFaultFixture::waitForRecovery()
{
    SecretRecovery &recovery = m_tenant->secretRecovery();
    if (!recovery.isFinished()) {
        QSignalSpy finished(&recovery, &SecretRecovery::finished);
        if (!finished.wait(10000))
            qWarning("the recovery did not finish");
    }
    return recovery.notices();
}

QList<SecretRecovery::Notice> KeyringFaultFixture::reopenAfterCrash()
{
    // The rows of this process stand for those of a process that died: another boot of this machine.
    const QString gone = QSysInfo::machineHostName() + QStringLiteral("/an-earlier-boot 1 1");
    const QString error = RawSql::run(m_tenant->database(),
                                      {QStringLiteral("UPDATE secret_journal SET writer = '%1'").arg(gone)});
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    m_tenant.reset();
    m_keyring->comeBack();
    if (!open())
        return {{QStringLiteral("could not reopen"), false}};
    return waitForRecovery();
}

int KeyringFaultFixture::journalRows()
{
    QSqlQuery query = m_tenant->database().prepare(QStringLiteral("SELECT COUNT(*) FROM secret_journal"));
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}
