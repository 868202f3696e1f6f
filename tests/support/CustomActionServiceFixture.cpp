#include "CustomActionServiceFixture.h"

#include "tests/support/ResultText.h"

#include <QTest>

void CustomActionServiceFixture::setUp()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
}

void CustomActionServiceFixture::tearDown()
{
    m_temp.reset();
}

CustomAction CustomActionServiceFixture::create(const QString &name)
{
    auto created = service().create(name, kTrigger);
    if (!created) {
        QTest::qFail(errorBytes(created).constData(), __FILE__, __LINE__);
        return {};
    }
    return created.value();
}
