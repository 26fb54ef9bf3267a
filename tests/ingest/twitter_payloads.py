"""Recorded X/Twitter API v2 responses (shapes as the API returns them) for ``responses``."""
import responses

API = "https://api.twitter.com/2"
USER_ID = "1234567890"

USER = {
    "data": {
        "id": USER_ID,
        "name": "Zoë 🥐",
        "username": "zoe_bakes",
        "created_at": "2011-04-10T10:20:30.000Z",
        "description": "Bäckerin in München. 面包师。",
        "location": "München",
        "verified": False,
        "public_metrics": {"followers_count": 1520, "following_count": 312, "tweet_count": 4051, "listed_count": 12, "like_count": 8800},
    }
}

NOT_FOUND = {
    "errors": [
        {
            "value": "nobody_here_x",
            "detail": "Could not find user with username: [nobody_here_x].",
            "title": "Not Found Error",
            "resource_type": "user",
            "parameter": "username",
            "resource_id": "nobody_here_x",
            "type": "https://api.twitter.com/2/problems/resource-not-found",
        }
    ]
}


def tweet(n: int, text: str, likes: int, retweets: int) -> dict:
    return {
        "id": str(1_700_000_000_000_000_000 + n),
        "text": text,
        "created_at": f"2023-05-{n + 1:02d}T10:00:00.000Z",
        "edit_history_tweet_ids": [str(1_700_000_000_000_000_000 + n)],
        "public_metrics": {"retweet_count": retweets, "reply_count": 0, "like_count": likes, "quote_count": 0, "impression_count": 100},
    }


PAGE_1 = {
    "data": [tweet(0, "Fresh bread today 🍞", 12, 2), tweet(1, "新年快乐！", 30, 5), tweet(2, "Closed on Sunday", 1, 0)],
    "meta": {"result_count": 3, "newest_id": "1700000000000000002", "oldest_id": "1700000000000000000", "next_token": "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"},
}
PAGE_2 = {
    "data": [tweet(3, "Une baguette, s'il vous plaît 🥖", 7, 1)],
    "meta": {"result_count": 1, "newest_id": "1700000000000000003", "oldest_id": "1700000000000000003"},
}


def register_account(mock: responses.RequestsMock) -> None:
    mock.get(f"{API}/users/by/username/zoe_bakes", json=USER)
    mock.get(f"{API}/users/{USER_ID}/tweets", json=PAGE_1)
    mock.get(f"{API}/users/{USER_ID}/tweets", json=PAGE_2)
