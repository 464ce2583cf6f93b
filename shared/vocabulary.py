"""Words shared by the services and the dashboard: the activity forms and their Vietnamese names."""

ACTIVITY_FORMS: dict[str, str] = {
    "news_article": "Tin, bài trên Trang thông tin điện tử",
    "conference": "Hội nghị, hội thảo, tọa đàm",
    "training": "Tập huấn, bồi dưỡng",
    "legal_aid": "Hướng dẫn trợ giúp pháp lý",
    "print": "Tờ rơi, áp phích, pa-nô",
    "social_media": "Mạng xã hội",
    "contest": "Cuộc thi",
    "other": "Hình thức khác",
}
