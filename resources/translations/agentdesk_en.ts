<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s) newly assigned to you</source>
        <translation>
            <numerusform>%n conversation newly assigned to you</numerusform>
            <numerusform>%n conversations newly assigned to you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>AgentDesk — %n open for you</source>
        <translation>
            <numerusform>AgentDesk — %n open conversation for you</numerusform>
            <numerusform>AgentDesk — %n open conversations for you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new mention(s) of you</source>
        <translation>
            <numerusform>%n new mention of you</numerusform>
            <numerusform>%n new mentions of you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to be sent</source>
        <translation>
            <numerusform>%n waiting to be sent</numerusform>
            <numerusform>%n waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n not sent</numerusform>
            <numerusform>%n not sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QaDashboard</name>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n submitted review(s) in this period.</source>
        <translation>
            <numerusform>%n submitted review in this period.</numerusform>
            <numerusform>%n submitted reviews in this period.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n criteria scored in this period.</source>
        <translation>
            <numerusform>%n criterion scored in this period.</numerusform>
            <numerusform>%n criteria scored in this period.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message numerus="yes">
        <source>%n criteria left</source>
        <translation>
            <numerusform>%n criterion left</numerusform>
            <numerusform>%n criteria left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Calibration: %n submitted review(s); the spread shows from two.</source>
        <translation>
            <numerusform>Calibration: %n submitted review; the spread shows from two.</numerusform>
            <numerusform>Calibration: %n submitted reviews; the spread shows from two.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScorecardEditor</name>
    <message numerus="yes">
        <source>%n review(s) scored with it</source>
        <translation>
            <numerusform>%n review scored with it</numerusform>
            <numerusform>%n reviews scored with it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n review</numerusform>
            <numerusform>%n reviews</numerusform>
        </translation>
    </message>
</context>
</TS>
