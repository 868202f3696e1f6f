#pragma once

// What the custom action service suites share: a fresh tenant for each test and a quick way to make an
// action in it.

#include "core/actions/CustomActionService.h"
#include "core/model/CustomAction.h"
#include "tests/support/TempTenant.h"

#include <QString>

#include <memory>

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class CustomActionServiceFixture
{
protected:
    /// The trigger create() writes actions for.
    static inline const QString kTrigger = QStringLiteral("send-phone-message");

    void setUp();
    void tearDown();

    CustomActionService &service() { return m_temp->tenant().customActions(); }
    /// Creates an action named @p name for send-phone-message; fails the test when it cannot.
    CustomAction create(const QString &name = QStringLiteral("Send with Plivo"));

    std::unique_ptr<TempTenant> m_temp;
};
